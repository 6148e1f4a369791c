using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Web.Security;

namespace Parley.Web.Tests;

/// <summary>Real Identity: the first-run admin, passwords, lockout, the sign-in form, bearer tokens and the staff API.</summary>
public sealed class StaffSignInTests : IAsyncLifetime
{
    private StaffHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await StaffHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_first_run_creates_the_configured_admin_and_all_staff_roles()
    {
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var admin = await users.FindByEmailAsync(StaffHost.AdminEmail);
        admin.ShouldNotBeNull();
        (await users.GetRolesAsync(admin)).ShouldBe([StaffRoles.Admin]);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            (await roles.RoleExistsAsync(role)).ShouldBeTrue(role);
        }
    }

    [Fact]
    public async Task The_bootstrap_does_nothing_once_there_are_users()
    {
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StaffBootstrapper.AdminEmailKey] = "second-admin@parley.test",
            [StaffBootstrapper.AdminPasswordKey] = "another-long-password",
        }).Build();
        var bootstrapper = ActivatorUtilities.CreateInstance<StaffBootstrapper>(scope.ServiceProvider, configuration);
        await bootstrapper.RunAsync(TestContext.Current.CancellationToken);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        (await users.FindByEmailAsync("second-admin@parley.test")).ShouldBeNull();
    }

    [Fact]
    public async Task The_admin_gets_a_bearer_token_that_the_api_accepts()
    {
        var client = await _host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);
        var me = await client.GetFromJsonAsync<CurrentStaff>("/api/auth/me", TestContext.Current.CancellationToken);
        me!.Name.ShouldBe(StaffHost.AdminEmail);
        me.Roles.ShouldBe([StaffRoles.Admin]);
    }

    [Theory]
    [InlineData(StaffHost.AdminEmail, "not-the-password")]
    [InlineData("nobody@parley.test", StaffHost.AdminPassword)]
    public async Task A_wrong_password_or_unknown_email_gets_a_401_problem(string email, string password)
    {
        var response = await _host.RequestTokenAsync(email, password);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("accessToken");
    }

    [Fact]
    public async Task The_sign_in_form_sets_a_secure_cookie_and_returns_to_the_requested_page()
    {
        var client = _host.Anonymous(acceptJson: false);
        var page = await client.GetStringAsync("/account/signin?ReturnUrl=%2Faccounts", TestContext.Current.CancellationToken);
        page.ShouldContain("__RequestVerificationToken");

        var (signedIn, response) = await _host.SignInThroughFormAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("parley.staff=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);

        var home = await signedIn.GetAsync("/", TestContext.Current.CancellationToken);
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(StaffHost.AdminEmail);
    }

    [Fact]
    public async Task A_sign_in_form_post_without_the_antiforgery_token_is_refused()
    {
        var client = _host.Anonymous(acceptJson: false);
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.Email"] = StaffHost.AdminEmail,
            ["Input.Password"] = StaffHost.AdminPassword,
        }), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task The_sign_in_page_never_redirects_off_site()
    {
        var client = _host.Anonymous(acceptJson: false);
        var page = await client.GetStringAsync("/account/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F", TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = StaffHost.AdminEmail,
            ["Input.Password"] = StaffHost.AdminPassword,
        }), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        (location.IsAbsoluteUri ? location.Host : "localhost").ShouldBe("localhost");
    }

    [Fact]
    public async Task An_admin_adds_staff_with_roles_who_can_then_sign_in()
    {
        var admin = await _host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);
        var created = await admin.PostAsJsonAsync("/api/staff", new NewStaffUser("sup@parley.test", "Sam Supervisor", "supervisor-passphrase", [StaffRoles.Supervisor, StaffRoles.Agent]), TestContext.Current.CancellationToken);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var list = await admin.GetFromJsonAsync<List<StaffUserSummary>>("/api/staff", TestContext.Current.CancellationToken);
        list!.Single(u => u.Email == "sup@parley.test").Roles.ShouldBe([StaffRoles.Agent, StaffRoles.Supervisor]);

        var supervisor = await _host.BearerClientAsync("sup@parley.test", "supervisor-passphrase");
        (await supervisor.GetAsync("/api/staff", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"email":"x@parley.test","displayName":"X","password":"a-long-enough-password","roles":["Janitor"]}""", "staff.unknown_role")]
    [InlineData("""{"email":"x@parley.test","displayName":"X","password":"a-long-enough-password","roles":[]}""", "staff.role_required")]
    [InlineData("""{"email":"x@parley.test","displayName":"X","password":"short","roles":["Agent"]}""", "staff.rejected")]
    [InlineData("""{"email":"not-an-email","displayName":"X","password":"a-long-enough-password","roles":["Agent"]}""", "staff.rejected")]
    public async Task Adding_staff_refuses_bad_requests_as_named_problems(string json, string code)
    {
        var admin = await _host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);
        var response = await admin.PostAsync("/api/staff", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain($"\"code\":\"{code}\"");
    }
}
