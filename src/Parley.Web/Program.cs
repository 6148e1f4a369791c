using MudBlazor.Services;
using Parley.Composition;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Web.Composition;
using Parley.Web.Errors;
using Parley.Web.Jobs;
using Parley.Web.Security;
using Parley.Web.Ui;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
if (DevelopmentSecrets.RefusalToStart(builder.Environment, builder.Configuration) is { } refusal)
{
    // One plain line for whoever starts the host, and a failing exit code for their supervisor; no stack trace.
    await Console.Error.WriteLineAsync(refusal);
    return 1;
}

// Serves MudBlazor's and Blazor's files from the build under `dotnet run` in every environment, not only Development;
// a no-op after `dotnet publish`, where they are in wwwroot.
builder.WebHost.UseStaticWebAssets();
// An anonymous caller must not make the host buffer a large body (Kestrel's default would be 30 MB).
builder.WebHost.ConfigureKestrel(kestrel => RequestLimits.Apply(kestrel, builder.Configuration));
builder.Services.AddParleyCore(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(o => ParleyJson.Configure(o.SerializerOptions));
builder.Services.AddParleyProblemDetails();
builder.Services.AddParleyOpenApi();
builder.Services.AddHealthChecks().AddDbContextCheck<ParleyDbContext>("database", tags: ["ready"]);
builder.Services.AddParleyStaffIdentity();
builder.Services.AddParleyAuthorization();
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "parley.antiforgery";
    // SecurityHeaders sends X-Frame-Options: DENY on every response, not only where a token is issued.
    o.SuppressXFrameOptionsHeader = true;
});
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddMudServices();
builder.Services.AddParleyJobs(builder.Configuration);

builder.Services.AddHostedService<DemoSeedOnFirstRun>();

var app = builder.Build();

await HostStartup.PrepareAsync(app.Services, CancellationToken.None);
HostStartup.AnnounceWhenReady(app);

// The client's address for the sign-in limits, from the proxies the operator names (none: the connection's).
app.UseParleyForwardedHeaders();
app.UseParleySecurityHeaders();
app.UseExceptionHandler();
app.UseParleyStatusCodePages();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();
// A group, so Scalar's script and icon endpoints are as anonymous as its page.
app.MapGroup("").AllowAnonymous().MapScalarApiReference("/api/docs", OpenApiDocumentSetup.ConfigureDocsPage);
app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapStaffEndpoints();
app.MapParleyEndpoints();
// Pages and the interactive circuit are for staff; sign-in pages opt out with [AllowAnonymous].
app.MapRazorComponents<App>()
    // Blazor's own frame-ancestors header agrees with SecurityHeaders' policy (no framing at all).
    .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'")
    .RequireAuthorization(StaffPolicies.Staff);

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
