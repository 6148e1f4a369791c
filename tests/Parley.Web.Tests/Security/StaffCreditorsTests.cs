using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Modules.Accounts.Contracts;
using Parley.SharedKernel.Security;
using Parley.Web.Security;

namespace Parley.Web.Tests.Security;

/// <summary>
/// Real Identity: the creditors an admin gives a member of staff are stored as their claims, travel in the bearer
/// token, and limit what they see; a user given no creditor sees none (ADR 13).
/// </summary>
public sealed class StaffCreditorsTests : IAsyncLifetime
{
    private StaffHost _host = default!;
    private HttpClient _admin = default!;

    public async ValueTask InitializeAsync()
    {
        _host = await StaffHost.StartAsync();
        _admin = await _host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<CreditorView> CreditorAsync(string code, string currency)
    {
        var response = await _admin.PostAsJsonAsync("/api/creditors", new CreateCreditorRequest(code, code + " Bank", currency), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<CreditorView>(Ct))!;
    }

    private async Task<List<string>> CreditorCodesSeenByAsync(string email)
    {
        var client = await _host.BearerClientAsync(email, StaffHost.StaffPassword);
        var list = await client.GetFromJsonAsync<List<CreditorView>>("/api/creditors", Ct);
        return [.. list!.Select(c => c.Code)];
    }

    [Fact]
    public async Task The_first_run_admin_works_for_every_creditor_and_a_named_user_only_for_theirs()
    {
        var acme = await CreditorAsync("ACME", "USD");
        await CreditorAsync("BRIT", "GBP");

        var created = await _admin.PostAsJsonAsync("/api/staff", new NewStaffUser("acme@parley.test", "Acme Agent", StaffHost.StaffPassword, [StaffRoles.Agent], [acme.Id]), Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var summary = (await created.Content.ReadFromJsonAsync<StaffUserSummary>(Ct))!;
        summary.AllCreditors.ShouldBeFalse();
        summary.Creditors!.Select(c => c.Code).ShouldBe(["ACME"]);

        (await CreditorCodesSeenByAsync("acme@parley.test")).ShouldBe(["ACME"]);
        var admin = await _admin.GetFromJsonAsync<List<CreditorView>>("/api/creditors", Ct);
        admin!.Select(c => c.Code).ShouldBe(["ACME", "BRIT"]);

        var staff = await _admin.GetFromJsonAsync<List<StaffUserSummary>>("/api/staff", Ct);
        staff!.Single(u => u.Email == StaffHost.AdminEmail).AllCreditors.ShouldBeTrue();
        staff!.Single(u => u.Email == "acme@parley.test").Creditors!.Select(c => c.Name).ShouldBe(["ACME Bank"]);
    }

    [Fact]
    public async Task A_member_of_staff_given_no_creditor_sees_none()
    {
        await CreditorAsync("ACME", "USD");
        var created = await _admin.PostAsJsonAsync("/api/staff", new NewStaffUser("none@parley.test", "Nobody's Agent", StaffHost.StaffPassword, [StaffRoles.Agent]), Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));

        (await CreditorCodesSeenByAsync("none@parley.test")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_admin_changes_whose_accounts_someone_works_on()
    {
        var acme = await CreditorAsync("ACME", "USD");
        var brit = await CreditorAsync("BRIT", "GBP");
        var created = await (await _admin.PostAsJsonAsync("/api/staff", new NewStaffUser("moving@parley.test", "Mover", StaffHost.StaffPassword, [StaffRoles.Agent], [acme.Id]), Ct))
            .Content.ReadFromJsonAsync<StaffUserSummary>(Ct);

        var changed = await _admin.PutAsJsonAsync($"/api/staff/{created!.Id}/creditors", new StaffCreditorsBody([brit.Id]), Ct);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync(Ct));
        (await CreditorCodesSeenByAsync("moving@parley.test")).ShouldBe(["BRIT"]);

        (await _admin.PutAsJsonAsync($"/api/staff/{created.Id}/creditors", new StaffCreditorsBody(AllCreditors: true), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CreditorCodesSeenByAsync("moving@parley.test")).ShouldBe(["ACME", "BRIT"]);

        (await _admin.PutAsJsonAsync("/api/staff/no-such-user/creditors", new StaffCreditorsBody(AllCreditors: true), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"email":"x@parley.test","displayName":"X","password":"a-long-enough-password","roles":["Agent"],"creditors":["6f9619ff-8b86-d011-b42d-00c04fc964ff"]}""", "staff.unknown_creditor", "creditors")]
    [InlineData("""{"email":"x@parley.test","displayName":"X","password":"a-long-enough-password","roles":["Agent"],"creditors":["{ACME}"],"allCreditors":true}""", "staff.creditors_ambiguous", "allCreditors")]
    public async Task Naming_creditors_that_do_not_exist_or_both_ways_is_a_problem_naming_the_field(string json, string code, string field)
    {
        var acme = await CreditorAsync("ACME", "USD");
        var response = await _admin.PostAsync("/api/staff", new StringContent(json.Replace("{ACME}", acme.Id.ToString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        (await _admin.GetFromJsonAsync<List<StaffUserSummary>>("/api/staff", Ct))!.ShouldNotContain(u => u.Email == "x@parley.test");
    }

    [Fact]
    public async Task An_admin_of_one_creditor_cannot_hand_out_another_creditor_or_every_creditor()
    {
        var acme = await CreditorAsync("ACME", "USD");
        var brit = await CreditorAsync("BRIT", "GBP");
        (await _admin.PostAsJsonAsync("/api/staff", new NewStaffUser("acme-admin@parley.test", "Acme Admin", StaffHost.StaffPassword, [StaffRoles.Admin], [acme.Id]), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var acmeAdmin = await _host.BearerClientAsync("acme-admin@parley.test", StaffHost.StaffPassword);

        var other = await acmeAdmin.PostAsJsonAsync("/api/staff", new NewStaffUser("b@parley.test", "B", StaffHost.StaffPassword, [StaffRoles.Agent], [brit.Id]), Ct);
        other.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe("staff.unknown_creditor");
        (await acmeAdmin.PostAsJsonAsync("/api/staff", new NewStaffUser("c@parley.test", "C", StaffHost.StaffPassword, [StaffRoles.Agent], AllCreditors: true), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await acmeAdmin.PostAsJsonAsync("/api/staff", new NewStaffUser("a@parley.test", "A", StaffHost.StaffPassword, [StaffRoles.Agent], [acme.Id]), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
