using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Parley.Persistence;
using Parley.Testing;
using Parley.Web.Security;

namespace Parley.Web.Tests;

/// <summary>The host with its real staff sign-in (Identity, cookie, bearer token) and a first-run admin.</summary>
public sealed partial class StaffHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@parley.test";
    public const string AdminPassword = "correct-horse-battery";
    public const string StaffPassword = "a-long-staff-password";

    private StaffHost(ParleyWebFactory factory) => Factory = factory;

    public ParleyWebFactory Factory { get; }

    /// <summary>The host with its first-run admin; <paramref name="settings"/> adds configuration, e.g. small sign-in limits.</summary>
    public static async Task<StaffHost> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            [StaffBootstrapper.AdminEmailKey] = AdminEmail,
            [StaffBootstrapper.AdminPasswordKey] = AdminPassword,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = await ParleyWebFactory.CreateAsync(provider, useTestAuthentication: false, all);
        return new StaffHost(factory);
    }

    /// <summary>
    /// A client whose requests come from <paramref name="address"/> (the connection's remote address, as a client on
    /// another machine), keeping cookies and not following redirects. Other clients have no address at all.
    /// </summary>
    public HttpClient From(string address, bool acceptJson = true)
    {
        var ip = IPAddress.Parse(address);
        var client = new HttpClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler
        {
            InnerHandler = Factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = ip),
        })
        { BaseAddress = Factory.Server.BaseAddress };
        if (acceptJson)
        {
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        return client;
    }

    /// <summary>A client with no credentials that does not follow redirects and asks for JSON.</summary>
    public HttpClient Anonymous(bool acceptJson = true)
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false });
        if (acceptJson)
        {
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        return client;
    }

    /// <summary>Adds a member of staff through the same directory the admin API uses.</summary>
    public async Task<string> AddStaffAsync(string email, params string[] roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        if (roles.Length == 0)
        {
            // The directory refuses role-less users; one is made directly to prove such a user is refused everywhere.
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
            var result = await users.CreateAsync(new StaffUser { UserName = email, Email = email, DisplayName = email }, StaffPassword);
            result.Succeeded.ShouldBeTrue(string.Join(" ", result.Errors.Select(e => e.Description)));
            return email;
        }

        await scope.ServiceProvider.GetRequiredService<StaffDirectory>().HandleAsync(Parley.Testing.Staff.Acting("admin@parley.test", Parley.SharedKernel.Security.StaffRoles.Admin), new NewStaffUser(email, email, StaffPassword, roles), CancellationToken.None);
        return email;
    }

    /// <summary>Asks for a bearer token, from <paramref name="from"/>'s address when given.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string email, string password, HttpClient? from = null) =>
        await (from ?? Anonymous()).PostAsJsonAsync("/api/auth/token", new TokenRequest(email, password));

    /// <summary>A client that authenticates with a bearer token from <c>POST /api/auth/token</c>.</summary>
    public async Task<HttpClient> BearerClientAsync(string email, string password, HttpClient? from = null)
    {
        var response = await RequestTokenAsync(email, password, from);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>Signs in through the sign-in page's form, as a browser does; the client (a new one unless given) keeps the cookie.</summary>
    public async Task<(HttpClient Client, HttpResponseMessage Response)> SignInThroughFormAsync(string email, string password, HttpClient? client = null)
    {
        client ??= Anonymous(acceptJson: false);
        var page = await client.GetStringAsync("/account/signin");
        var token = AntiforgeryField().Match(page);
        token.Success.ShouldBeTrue("the sign-in form carries an antiforgery token");
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        return (client, response);
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
