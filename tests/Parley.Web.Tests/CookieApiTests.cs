using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Web.Errors;

namespace Parley.Web.Tests;

/// <summary>
/// Cross-site request forgery (ADR 12): the browser sends the staff cookie with any site's request, so an API call that
/// changes data is refused without a bearer token, whatever the cookie says; reads, pages and bearer calls go on.
/// </summary>
public sealed class CookieApiTests : IAsyncLifetime
{
    private StaffHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await StaffHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_cross_site_post_with_the_admins_cookie_and_no_token_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var cookie = await SignedInAdminAsync();
        using var forged = CrossSite(HttpMethod.Post, "/api/creditors");
        forged.Content = JsonContent.Create(new { code = "EVIL", name = "Evil Creditor", currency = "USD" });

        using var response = await cookie.SendAsync(forged, ct);

        await ShouldBeBearerRequiredAsync(response);
        (await cookie.GetStringAsync("/api/creditors", ct)).ShouldNotContain("EVIL");
    }

    [Fact]
    public async Task Every_api_call_that_changes_data_refuses_the_cookie_without_a_bearer_token()
    {
        var cookie = await SignedInAdminAsync();
        var failures = new List<string>();
        var probed = 0;
        foreach (var endpoint in EndpointCatalogue.Secured(_host.Factory.Services).Where(e => e.IsApi && e.Method is not ("GET" or "HEAD")))
        {
            using var request = CrossSite(new HttpMethod(endpoint.Method), endpoint.Url);
            if (endpoint.Method is "POST" or "PUT" or "PATCH")
            {
                request.Content = endpoint.BodyType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
                    ? new MultipartFormDataContent { { new StringContent("ACME,1"), "file", "placements.csv" } }
                    : new StringContent("{}", Encoding.UTF8, endpoint.BodyType);
            }

            using var response = await cookie.SendAsync(request, TestContext.Current.CancellationToken);
            probed++;
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized || !body.Contains("\"code\":\"auth.bearer_token_required\"", StringComparison.Ordinal))
            {
                failures.Add($"{endpoint}: {(int)response.StatusCode} {body}");
            }
        }

        probed.ShouldBeGreaterThan(10);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_cookie_still_reads_the_api_and_a_bearer_token_still_changes_data()
    {
        var ct = TestContext.Current.CancellationToken;
        var cookie = await SignedInAdminAsync();
        var me = await cookie.GetAsync("/api/auth/me", ct);
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await me.Content.ReadAsStringAsync(ct)).ShouldContain(StaffHost.AdminEmail);

        var bearer = await _host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);
        // A browser never sends a bearer token on its own, so another site cannot borrow it.
        using var created = await bearer.PostAsJsonAsync("/api/creditors", new { code = "ACME", name = "Acme Card Services", currency = "USD" }, ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        (await cookie.GetStringAsync("/api/creditors", ct)).ShouldContain("Acme Card Services");
    }

    [Fact]
    public async Task An_api_call_without_any_credentials_is_told_how_to_sign_in()
    {
        using var response = await _host.Anonymous().GetAsync("/api/auth/me", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        problem.RootElement.GetProperty("detail").GetString().ShouldBe(ProblemDetailsSetup.BearerNeededDetail);
    }

    private async Task<HttpClient> SignedInAdminAsync()
    {
        var (client, response) = await _host.SignInThroughFormAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>What a page on another site sends through the signed-in browser: its own origin, the cookie (from the client), no token.</summary>
    private static HttpRequestMessage CrossSite(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    private static async Task ShouldBeBearerRequiredAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("code").GetString().ShouldBe("auth.bearer_token_required");
        problem.RootElement.GetProperty("detail").GetString().ShouldBe(ProblemDetailsSetup.BearerNeededToChangeDetail);
    }
}
