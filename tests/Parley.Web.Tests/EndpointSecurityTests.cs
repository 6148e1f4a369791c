using System.Net;
using System.Text;
using Parley.SharedKernel.Security;
using Parley.Web.Security;

namespace Parley.Web.Tests;

/// <summary>
/// Every endpoint of the host, found at run time: anonymous callers get 401 (API, as ProblemDetails) or the sign-in
/// page (UI); staff without the role get 403; staff with it get through. Only the allow-list may be anonymous.
/// </summary>
public sealed class EndpointSecurityTests : IAsyncLifetime
{
    private StaffHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await StaffHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Every_endpoint_names_a_staff_policy_or_is_deliberately_anonymous()
    {
        var endpoints = Secured();
        endpoints.ShouldNotBeEmpty();
        var problems = endpoints.Where(e => e.Problem is not null).Select(e => $"{e}: {e.Problem}").Distinct().ToList();
        problems.ShouldBeEmpty(EndpointCatalogue.Describe(_host.Factory.Services));
    }

    [Fact]
    public void The_catalogue_sees_the_api_and_the_ui()
    {
        var patterns = Secured().Select(e => e.Pattern).ToHashSet();
        patterns.ShouldContain("/api/staff");
        patterns.ShouldContain("/_blazor");
        patterns.ShouldContain("/accounts");
        patterns.ShouldContain("/api/accounts");
        patterns.ShouldContain("/");
    }

    [Fact]
    public async Task Anonymous_callers_get_401_problems_from_the_api_and_the_sign_in_page_from_the_ui()
    {
        var client = _host.Anonymous();
        var failures = new List<string>();
        foreach (var endpoint in Secured())
        {
            using var response = await client.SendAsync(Request(endpoint), TestContext.Current.CancellationToken);
            if (endpoint.IsApi)
            {
                await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, endpoint, failures);
            }
            else if (!RedirectsTo(response, StaffIdentitySetup.SignInPath))
            {
                failures.Add($"{endpoint}: expected a redirect to the sign-in page, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_without_a_role_get_403_everywhere()
    {
        var client = await _host.BearerClientAsync(await _host.AddStaffAsync("nobody@parley.test"), StaffHost.StaffPassword);
        var failures = new List<string>();
        foreach (var endpoint in Secured())
        {
            using var response = await client.SendAsync(Request(endpoint), TestContext.Current.CancellationToken);
            if (endpoint.IsApi)
            {
                await ExpectProblemAsync(response, HttpStatusCode.Forbidden, endpoint, failures);
            }
            else if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{endpoint}: expected 403, got {(int)response.StatusCode}");
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_signed_in_browser_without_the_role_is_sent_to_the_access_denied_page()
    {
        await _host.AddStaffAsync("nobody@parley.test");
        var (client, _) = await _host.SignInThroughFormAsync("nobody@parley.test", StaffHost.StaffPassword);
        var failures = new List<string>();
        foreach (var endpoint in Secured().Where(e => !e.IsApi && e.Method == "GET"))
        {
            using var response = await client.SendAsync(Request(endpoint), TestContext.Current.CancellationToken);
            if (!RedirectsTo(response, StaffIdentitySetup.AccessDeniedPath))
            {
                failures.Add($"{endpoint}: expected a redirect to the access-denied page, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        failures.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(StaffRoles.Agent)]
    [InlineData(StaffRoles.Supervisor)]
    [InlineData(StaffRoles.Compliance)]
    [InlineData(StaffRoles.Admin)]
    public async Task Each_role_gets_403_exactly_where_its_policy_does_not_admit_it(string role)
    {
        var client = await _host.BearerClientAsync(await _host.AddStaffAsync($"{role.ToLowerInvariant()}-role@parley.test", role), StaffHost.StaffPassword);
        var failures = new List<string>();
        foreach (var endpoint in Secured().Where(e => e.AllowedRoles is not null))
        {
            using var response = await client.SendAsync(Request(endpoint), TestContext.Current.CancellationToken);
            if (!endpoint.AllowedRoles!.Contains(role))
            {
                if (endpoint.IsApi)
                {
                    await ExpectProblemAsync(response, HttpStatusCode.Forbidden, endpoint, failures);
                }
                else if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{endpoint}: expected 403 for {role}, got {(int)response.StatusCode}");
                }
            }
            else if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                failures.Add($"{endpoint}: {role} is admitted by policy but got {(int)response.StatusCode}");
            }
        }

        failures.ShouldBeEmpty();
    }

    private IReadOnlyList<ProbedEndpoint> Secured() => EndpointCatalogue.Secured(_host.Factory.Services);

    private static bool RedirectsTo(HttpResponseMessage response, string path) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location is { } location
        && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]) == path;

    private static HttpRequestMessage Request(ProbedEndpoint endpoint)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = endpoint.BodyType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
                ? new MultipartFormDataContent { { new StringContent("x"), "probe" } }
                : new StringContent("{}", Encoding.UTF8, endpoint.BodyType);
        }

        return request;
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, ProbedEndpoint endpoint, List<string> failures)
    {
        if (response.StatusCode != status)
        {
            failures.Add($"{endpoint}: expected {(int)status}, got {(int)response.StatusCode} {response.Headers.Location}");
            return;
        }

        var type = response.Content.Headers.ContentType?.MediaType;
        var body = await response.Content.ReadAsStringAsync();
        if (type != "application/problem+json" || !body.Contains($"\"status\":{(int)status}", StringComparison.Ordinal))
        {
            failures.Add($"{endpoint}: {(int)status} is not a ProblemDetails ({type}: {body})");
        }
    }
}
