using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Parley.Web.Security;

namespace Parley.Web.Tests.Security;

/// <summary>
/// Revocable sessions (ADR 15): every request checks the user's security stamp, so a bearer token or a cookie stops
/// working as soon as an admin signs the user out everywhere, disables them or changes their creditors, or the user's
/// password changes; on both database providers.
/// </summary>
public sealed class SessionRevocationTests
{
    private const string Agent = "agent@parley.test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(StaffHost Host, HttpClient Admin, string AgentId)> StartAsync(DatabaseProvider provider)
    {
        var host = await StaffHost.StartAsync(provider);
        await host.AddStaffAsync(Agent, StaffRoles.Agent);
        var admin = await host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);
        var id = (await admin.GetFromJsonAsync<List<StaffUserSummary>>("/api/staff", Ct))!.Single(u => u.Email == Agent).Id;
        return (host, admin, id);
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client) => (await client.GetAsync("/api/auth/me", Ct)).StatusCode;

    [Theory]
    [DatabaseProviders]
    public async Task Signing_someone_out_everywhere_ends_their_tokens_and_cookies_at_once(DatabaseProvider provider)
    {
        var (host, admin, agentId) = await StartAsync(provider);
        await using var _ = host;
        var token = await host.BearerClientAsync(Agent, StaffHost.StaffPassword);
        var (browser, signedIn) = await host.SignInThroughFormAsync(Agent, StaffHost.StaffPassword);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MeAsync(token)).ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync($"/api/staff/{agentId}/revoke-sessions", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using var refused = await token.GetAsync("/api/auth/me", Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var page = await browser.GetAsync("/", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/signin");
        // Signing in again works: revoking ends sessions, not the account.
        (await MeAsync(await host.BearerClientAsync(Agent, StaffHost.StaffPassword))).ShouldBe(HttpStatusCode.OK);
        (await MeAsync(admin)).ShouldBe(HttpStatusCode.OK, "someone else's sessions are untouched");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_disabled_member_of_staff_loses_their_token_and_cannot_sign_in_until_enabled(DatabaseProvider provider)
    {
        var (host, admin, agentId) = await StartAsync(provider);
        await using var _ = host;
        var token = await host.BearerClientAsync(Agent, StaffHost.StaffPassword);

        var disabled = await admin.PostAsync($"/api/staff/{agentId}/disable", null, Ct);
        disabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var summary = (await disabled.Content.ReadFromJsonAsync<StaffUserSummary>(Ct))!;
        (summary.Disabled, summary.LockedOut).ShouldBe((true, false));

        (await MeAsync(token)).ShouldBe(HttpStatusCode.Unauthorized);
        using var refused = await host.RequestTokenAsync(Agent, StaffHost.StaffPassword);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldBe(StaffSignIn.RefusedDetail);
        var (_, form) = await host.SignInThroughFormAsync(Agent, StaffHost.StaffPassword);
        form.StatusCode.ShouldBe(HttpStatusCode.OK, "the form shows the refusal instead of redirecting");

        var enabled = await admin.PostAsync($"/api/staff/{agentId}/enable", null, Ct);
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await enabled.Content.ReadFromJsonAsync<StaffUserSummary>(Ct))!.Disabled.ShouldBeFalse();
        (await MeAsync(await host.BearerClientAsync(Agent, StaffHost.StaffPassword))).ShouldBe(HttpStatusCode.OK);
        (await MeAsync(token)).ShouldBe(HttpStatusCode.Unauthorized, "enabling lets them sign in again; it does not revive old tokens");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_new_password_ends_the_tokens_issued_with_the_old_one(DatabaseProvider provider)
    {
        var (host, _, _) = await StartAsync(provider);
        await using var __ = host;
        var token = await host.BearerClientAsync(Agent, StaffHost.StaffPassword);
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var agent = await users.FindByEmailAsync(Agent);
            (await users.ChangePasswordAsync(agent!, StaffHost.StaffPassword, "a-brand-new-passphrase")).Succeeded.ShouldBeTrue();
        }

        (await MeAsync(token)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(await host.BearerClientAsync(Agent, "a-brand-new-passphrase"))).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [DatabaseProviders]
    public async Task New_creditors_end_the_tokens_that_carry_the_old_ones(DatabaseProvider provider)
    {
        var (host, admin, agentId) = await StartAsync(provider);
        await using var _ = host;
        var acme = await admin.PostAsJsonAsync("/api/creditors", new CreateCreditorRequest("ACME", "ACME Bank", "USD"), Ct);
        var acmeId = (await acme.Content.ReadFromJsonAsync<CreditorView>(Ct))!.Id;
        var token = await host.BearerClientAsync(Agent, StaffHost.StaffPassword);
        (await token.GetFromJsonAsync<List<CreditorView>>("/api/creditors", Ct))!.ShouldBeEmpty();

        (await admin.PutAsJsonAsync($"/api/staff/{agentId}/creditors", new StaffCreditorsBody([acmeId]), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await MeAsync(token)).ShouldBe(HttpStatusCode.Unauthorized);
        var again = await host.BearerClientAsync(Agent, StaffHost.StaffPassword);
        (await again.GetFromJsonAsync<List<CreditorView>>("/api/creditors", Ct))!.Select(c => c.Code).ShouldBe(["ACME"]);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves_and_an_unknown_id_is_not_found()
    {
        var (host, admin, _) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = host;
        var self = (await admin.GetFromJsonAsync<List<StaffUserSummary>>("/api/staff", Ct))!.Single(u => u.Email == StaffHost.AdminEmail).Id;
        using var refused = await admin.PostAsync($"/api/staff/{self}/disable", null, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe("staff.cannot_disable_self");
        (await MeAsync(admin)).ShouldBe(HttpStatusCode.OK);

        foreach (var action in new[] { "disable", "enable", "revoke-sessions" })
        {
            (await admin.PostAsync($"/api/staff/no-such-user/{action}", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, action);
        }
    }

    [Fact]
    public async Task An_admin_of_some_creditors_cannot_disable_sign_out_or_rescope_someone_who_works_beyond_them()
    {
        var (host, admin, _) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = host;
        var acme = (await (await admin.PostAsJsonAsync("/api/creditors", new CreateCreditorRequest("ACME", "ACME Bank", "USD"), Ct)).Content.ReadFromJsonAsync<CreditorView>(Ct))!;
        (await admin.PostAsJsonAsync("/api/staff", new NewStaffUser("acme-admin@parley.test", "Acme Admin", StaffHost.StaffPassword, [StaffRoles.Admin], [acme.Id]), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var acmeAdmin = await host.BearerClientAsync("acme-admin@parley.test", StaffHost.StaffPassword);
        var everyone = (await admin.GetFromJsonAsync<List<StaffUserSummary>>("/api/staff", Ct))!;

        var root = everyone.Single(u => u.Email == StaffHost.AdminEmail).Id;
        (await acmeAdmin.PostAsync($"/api/staff/{root}/disable", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await acmeAdmin.PostAsync($"/api/staff/{root}/revoke-sessions", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await acmeAdmin.PutAsJsonAsync($"/api/staff/{root}/creditors", new StaffCreditorsBody([acme.Id]), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await MeAsync(admin)).ShouldBe(HttpStatusCode.OK);

        // The agent works for no creditor, which is within anyone's reach.
        var agent = everyone.Single(u => u.Email == Agent).Id;
        (await acmeAdmin.PostAsync($"/api/staff/{agent}/disable", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_open_page_rechecks_its_session_with_the_same_check()
    {
        await using var host = await StaffHost.StartAsync();
        await using var scope = host.Factory.Services.CreateAsyncScope();
        // A Blazor circuit outlives its request: the revalidating provider re-runs StaffSessions' check every minute.
        scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>().ShouldBeOfType<StaffCircuitRevalidation>();
    }
}
