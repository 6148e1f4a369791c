using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Guarded;

/// <summary>
/// Care's use cases refuse a wrong role in the use case itself, through HTTP and the page path: any member of staff may
/// give Care a note or resolve an item; only supervisors, compliance officers and admins resolve or confirm a vulnerability
/// (reading the record is refused to the other roles by its policy, which the IDOR matrix checks).
/// </summary>
public sealed class CareGuardTests : IAsyncLifetime
{
    private GuardedWorld _world = default!;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public Task Giving_care_a_note_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "SubmitCareNote",
        StaffRoles.All,
        world => Task.FromResult(world.Accounts["ADA-1"]),
        account => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/care/notes") { Content = JsonContent.Create(new { text = "I want to make a formal complaint.", source = "note" }) },
        (account, scopes, actor) => scopes.RunAsync<SubmitCareNoteRequest, CareReadingView>(actor, new SubmitCareNoteRequest(account, "I want to make a formal complaint."))));

    [Fact]
    public Task Resolving_a_vulnerability_item_needs_a_supervisor_compliance_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<Guid>(
        "ResolveCareItem",
        [StaffRoles.Supervisor, StaffRoles.Compliance, StaffRoles.Admin],
        async world => (await ProposedAsync(world)).Item,
        item => new HttpRequestMessage(HttpMethod.Post, $"/api/care/items/{item}/resolve") { Content = JsonContent.Create(new { resolution = "dismiss", reason = "a friend's job, not theirs" }) },
        (item, scopes, actor) => scopes.RunAsync<ResolveCareItemRequest, CareItemView>(actor, new ResolveCareItemRequest(item, CareResolution.Dismiss, "a friend's job, not theirs"))));

    [Fact]
    public Task Confirming_a_vulnerability_needs_a_supervisor_compliance_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<Guid>(
        "ConfirmVulnerability",
        [StaffRoles.Supervisor, StaffRoles.Compliance, StaffRoles.Admin],
        async world => (await ProposedAsync(world)).Record,
        record => new HttpRequestMessage(HttpMethod.Post, $"/api/care/vulnerability/{record}/confirm") { Content = JsonContent.Create(new { consent = Consent, reason = "agreed on the phone" }) },
        (record, scopes, actor) => scopes.RunAsync<ConfirmVulnerabilityRequest, VulnerabilityRecordView>(actor, new ConfirmVulnerabilityRequest(record, Consent, "agreed on the phone"))));

    private static VulnerabilityConsent Consent => new("the customer", Instant.FromUtc(2026, 11, 1, 10, 0), "by phone, call recorded", "record my job loss and give me more time");

    private static async Task<(AccountId Account, Guid Item, Guid Record)> ProposedAsync(GuardedWorld world)
    {
        var account = world.Accounts["GRACE-1"];
        await world.Scopes.RunAsync<SubmitCareNoteRequest, CareReadingView>(GuardedWorld.Admin, new SubmitCareNoteRequest(account, "I lost my job and can't cope"));
        await using var scope = world.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var item = db.Set<CareItem>().Single(i => i.AccountId == account && i.Kind == CareItemKind.Vulnerability);
        return (account, item.Id, item.VulnerabilityRecordId!.Value);
    }
}
