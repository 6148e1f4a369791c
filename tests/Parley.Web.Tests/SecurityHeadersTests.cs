using System.Text;
using System.Text.RegularExpressions;
using Parley.Web.Security;

namespace Parley.Web.Tests;

/// <summary>
/// Every answer of the host carries the browser-facing security headers (ADR 12): pages the page policy with a
/// nonce their inline scripts carry, everything else a policy that allows nothing — signed in or not, over the cookie
/// or a bearer token, for pages, the API, files, redirects and errors alike.
/// </summary>
public sealed partial class SecurityHeadersTests : IAsyncLifetime
{
    private StaffHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await StaffHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_endpoint_answers_with_the_security_headers_to_anyone()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cookie, _) = await _host.SignInThroughFormAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);
        var callers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = _host.Anonymous(acceptJson: false),
            ["cookie"] = cookie,
            ["bearer"] = await _host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword),
        };
        var signIn = await callers["anonymous"].GetStringAsync("/account/signin", ct);
        string[] anonymous =
        [
            "/account/signin", "/account/access-denied", "/health/live", "/health/ready", "/api/openapi/v1.json", "/api/docs/",
            "/api/docs/scalar.js", "/api/no-such-thing", "/no-such-page", .. Assets().Matches(signIn).Select(m => "/" + m.Groups["path"].Value),
        ];
        var failures = new List<string>();
        var pages = 0;
        foreach (var (who, client) in callers)
        {
            var requests = anonymous.Select(path => new HttpRequestMessage(HttpMethod.Get, path))
                .Concat(EndpointCatalogue.Secured(_host.Factory.Services).Select(RequestFor));
            foreach (var request in requests)
            {
                var what = $"{who}: {request.Method} {request.RequestUri}";
                // Browsers ask for HTML first; the page-not-found page answers only them.
                request.Headers.Accept.ParseAdd("text/html,application/json;q=0.9,*/*;q=0.8");
                using var response = await client.SendAsync(request, ct);
                pages += await CheckAsync(what, response, failures) ? 1 : 0;
            }
        }

        failures.ShouldBeEmpty();
        pages.ShouldBeGreaterThan(10, "few pages answered HTML, so the page policy was hardly checked");
    }

    [Fact]
    public async Task Each_page_names_a_fresh_nonce_that_its_one_inline_script_carries()
    {
        var client = _host.Anonymous(acceptJson: false);
        var nonces = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync("/account/signin", TestContext.Current.CancellationToken);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var nonce = NonceOf(response).ShouldNotBeNull();
            var inline = InlineScript().Matches(html);
            inline.Count.ShouldBe(1, "the import map is the page's one inline script");
            inline[0].Value.ShouldContain("type=\"importmap\"");
            inline[0].Value.ShouldContain($"nonce=\"{nonce}\"");
            nonces.Add(nonce);
        }

        nonces.Distinct().Count().ShouldBe(2);
        System.Buffers.Text.Base64Url.DecodeFromChars(nonces[0]).Length.ShouldBeGreaterThanOrEqualTo(16);
    }

    [Fact]
    public async Task The_api_docs_page_names_the_nonce_its_scripts_carry()
    {
        using var response = await _host.Anonymous(acceptJson: false).GetAsync("/api/docs/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var nonce = NonceOf(response).ShouldNotBeNull();
        var scripts = Script().Matches(html);
        scripts.Count.ShouldBeGreaterThan(0);
        scripts.Select(s => s.Value).ShouldAllBe(s => s.Contains($"nonce=\"{nonce}\""));
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(SecurityHeaders.PagePolicy(nonce));
    }

    /// <summary>Checks one answer's headers; true when it was a page.</summary>
    private static async Task<bool> CheckAsync(string what, HttpResponseMessage response, List<string> failures)
    {
        void Expect(string header, Func<string, bool> ok)
        {
            var values = response.Headers.TryGetValues(header, out var found) ? found.ToList() : [];
            if (values.Count != 1 || !ok(values[0]))
            {
                failures.Add($"{what} ({(int)response.StatusCode}): {header} is [{string.Join(" | ", values)}]");
            }
        }

        Expect("X-Content-Type-Options", v => v == "nosniff");
        Expect("X-Frame-Options", v => v == "DENY");
        Expect("Referrer-Policy", v => v == SecurityHeaders.ReferrerPolicy);
        Expect("Permissions-Policy", v => new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()" }.All(v.Contains));
        var isPage = response.Content.Headers.ContentType?.MediaType == "text/html";
        if (!isPage)
        {
            Expect("Content-Security-Policy", v => v == SecurityHeaders.NothingPolicy);
            return false;
        }

        var nonce = NonceOf(response);
        Expect("Content-Security-Policy", v => nonce is not null && v == SecurityHeaders.PagePolicy(nonce));
        // Every inline script of the page carries the nonce its policy names; nothing else inline may run.
        var html = await response.Content.ReadAsStringAsync();
        foreach (Match script in InlineScript().Matches(html))
        {
            if (nonce is null || !script.Value.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal))
            {
                failures.Add($"{what}: inline script without the response's nonce: {script.Value}");
            }
        }

        return true;
    }

    private static string? NonceOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Content-Security-Policy", out var values) && Nonce().Match(string.Join(";", values)) is { Success: true } match
            ? match.Groups["nonce"].Value
            : null;

    private static HttpRequestMessage RequestFor(ProbedEndpoint endpoint)
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

    [GeneratedRegex("'nonce-(?<nonce>[A-Za-z0-9+/_=-]+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    [GeneratedRegex("(?:<link rel=\"stylesheet\" href|<script src)=\"(?<path>[^\"]+)\"")]
    private static partial Regex Assets();
}
