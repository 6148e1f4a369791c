using System.Net;
using System.Net.Http.Headers;

namespace Parley.Web.Tests;

/// <summary>
/// A mistyped page address shows a calm "Page not found" page inside the layout (still a 404), with the way back; the
/// API and files keep their RFC 9457 problems.
/// </summary>
public sealed class NotFoundPageTests : IAsyncLifetime
{
    private StaffHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await StaffHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_signed_in_browser_asking_for_a_page_that_does_not_exist_gets_the_page_not_found_page_in_the_layout()
    {
        var client = await SignedInBrowserAsync();
        using var response = await client.GetAsync("/portfolio", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        body.ShouldContain("Page not found");
        body.ShouldContain("There is no page at <b data-testid=\"missing-path\">/portfolio</b>");
        body.ShouldContain("href=\"/\"");
        body.ShouldContain("href=\"/accounts\"");
        // The layout: the app bar with who is signed in, and the navigation.
        body.ShouldContain(StaffHost.AdminEmail);
        body.ShouldContain("mud-navmenu");
    }

    [Fact]
    public async Task A_signed_out_browser_signs_in_first_and_comes_back_to_the_address_it_asked_for()
    {
        var client = Browser(_host.Anonymous(acceptJson: false));
        using var response = await client.GetAsync("/portfolio", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe("/account/signin?ReturnUrl=%2Fportfolio");
    }

    [Theory]
    [InlineData("/api/no-such-thing", "text/html,application/xhtml+xml,*/*;q=0.8")]
    [InlineData("/api/no-such-thing", "application/json")]
    [InlineData("/portfolio", "application/json")]
    [InlineData("/no-such-file.css", "text/css,*/*;q=0.1")]
    public async Task The_api_files_and_callers_that_do_not_ask_for_html_keep_problem_details(string path, string accept)
    {
        var client = await SignedInBrowserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Clear();
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        body.ShouldNotContain("Page not found");
    }

    [Fact]
    public async Task A_wrong_method_on_a_page_stays_a_problem_not_a_page_not_found()
    {
        var client = await SignedInBrowserAsync();
        using var response = await client.DeleteAsync("/accounts", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, body);
        body.ShouldNotContain("Page not found");
    }

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var (client, response) = await _host.SignInThroughFormAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return Browser(client);
    }

    /// <summary>Asks for HTML first, as a browser's address bar does.</summary>
    private static HttpClient Browser(HttpClient client)
    {
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.8));
        return client;
    }
}
