using System.Net.Http.Headers;
using System.Net.Http.Json;
using Parley.Modules.Accounts.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Guarded;

/// <summary>Each Accounts use case that changes data refuses a wrong role itself, through HTTP and through the page.</summary>
public sealed class AccountsGuardTests : IAsyncLifetime
{
    private GuardedWorld _world = default!;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public Task Placing_a_hold_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "PlaceHold",
        StaffRoles.All,
        world => Task.FromResult(world.Accounts["ADA-1"]),
        account => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/holds") { Content = JsonContent.Create(new { type = "dispute", reason = "disputes the balance" }) },
        (account, scopes, actor) => scopes.RunAsync<PlaceHoldRequest, HoldView>(actor, new PlaceHoldRequest(account, HoldType.Dispute, "disputes the balance"))));

    [Fact]
    public Task Ending_a_hold_early_needs_a_supervisor_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<HoldId>(
        "EndHold",
        [StaffRoles.Supervisor, StaffRoles.Admin],
        async world => (await world.Scopes.RunAsync<PlaceHoldRequest, HoldView>(
            GuardedWorld.Admin, new PlaceHoldRequest(world.Accounts["MARY-1"], HoldType.Hardship, "lost her job", ResumesAutomatically: false))).Id,
        hold => new HttpRequestMessage(HttpMethod.Post, $"/api/holds/{hold}/end") { Content = JsonContent.Create(new { reason = "back at work" }) },
        (hold, scopes, actor) => scopes.RunAsync<EndHoldRequest, HoldView>(actor, new EndHoldRequest(hold, "back at work"))));

    [Fact]
    public Task Adding_a_creditor_needs_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<string>(
        "CreateCreditor",
        [StaffRoles.Admin],
        _ => Task.FromResult("EURO-LOANS"),
        code => new HttpRequestMessage(HttpMethod.Post, "/api/creditors") { Content = JsonContent.Create(new { code, name = "Euro Loans", currency = "EUR" }) },
        (code, scopes, actor) => scopes.RunAsync<CreateCreditorRequest, CreditorView>(actor, new CreateCreditorRequest(code, "Euro Loans", "EUR"))));

    [Fact]
    public Task Changing_a_creditors_policy_needs_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<CreditorId>(
        "ChangeCreditorPolicy",
        [StaffRoles.Admin],
        world => Task.FromResult(world.Creditors["ACME-CARD"]),
        creditor => new HttpRequestMessage(HttpMethod.Put, $"/api/creditors/{creditor}/policy") { Content = JsonContent.Create(new { graceDays = 9 }) },
        (creditor, scopes, actor) => scopes.RunAsync<ChangeCreditorPolicyRequest, CreditorView>(actor, new ChangeCreditorPolicyRequest(creditor, GraceDays: 9))));

    [Fact]
    public Task Loading_a_placement_file_needs_a_supervisor_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<byte[]>(
        "ImportPlacements",
        [StaffRoles.Supervisor, StaffRoles.Admin],
        _ => Task.FromResult(GuardedWorld.PlacementFile(
            "ACME-CARD,C-9,Nia,Newton,1990-01-01,en-US,9 Main St,,Boston,02110,US-MA,,,,,,,,,NIA-1,credit_card,,USD,100.00,,,,,30,,open,")),
        file =>
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            return new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = new MultipartFormDataContent { { content, "file", "more.csv" } } };
        },
        async (file, scopes, actor) =>
        {
            using var stream = new MemoryStream(file);
            await scopes.RunAsync<ImportPlacementsRequest, ImportRunSummary>(actor, new ImportPlacementsRequest(stream, "more.csv", DryRun: false));
        }));
}
