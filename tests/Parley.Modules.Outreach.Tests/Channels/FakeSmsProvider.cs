using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Modules.Outreach.Tests.Channels;

/// <summary>An SMS provider on loopback (a real Kestrel host on 127.0.0.1:0) answering <c>POST /messages</c> as the sandbox API does; the true external seam of the SMS channel.</summary>
internal sealed class FakeSmsProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private FakeSmsProvider(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<(JsonElement Body, string? Authorization)> Received { get; } = new();

    /// <summary>What the next requests get: a status code (200 answers with an id) and a delay before answering.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public static async Task<FakeSmsProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new FakeSmsProvider(app);
        app.MapPost("/messages", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
            if (provider.Delay > TimeSpan.Zero)
            {
                await Task.Delay(provider.Delay, ct);
            }

            if (provider.Answer != HttpStatusCode.OK)
            {
                return Results.StatusCode((int)provider.Answer);
            }

            provider.Received.Enqueue((body, request.Headers.Authorization.ToString()));
            return Results.Json(new { id = $"SBX{Interlocked.Increment(ref provider._count)}", status = "queued" });
        });
        await app.StartAsync();
        provider.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
