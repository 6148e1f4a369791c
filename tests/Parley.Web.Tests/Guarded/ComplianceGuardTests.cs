using System.Text;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Guarded;

/// <summary>
/// Each Compliance use case that changes data (every evaluation appends to the decision log) refuses a wrong role
/// itself, through HTTP and through the page; eligibility checks the creditor scope.
/// </summary>
public sealed class ComplianceGuardTests : IAsyncLifetime
{
    private const string Scenario = """{"id":"GUARD-1","jurisdiction":"US-PA","consumer":{"time_zones":["America/New_York"]},"proposed_action":{"channel":"call","at":"2026-06-10T16:00:00Z"}}""";

    private GuardedWorld _world = default!;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Evaluating_proposals_needs_compliance_a_supervisor_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<string>(
        "EvaluateProposals",
        [StaffRoles.Compliance, StaffRoles.Supervisor, StaffRoles.Admin],
        _ => Task.FromResult(Scenario),
        scenario => new HttpRequestMessage(HttpMethod.Post, "/api/compliance/evaluate") { Content = new StringContent(scenario, Encoding.UTF8, "application/json") },
        (scenario, scopes, actor) => scopes.RunAsync<EvaluateProposalsRequest, ProposalVerdicts>(actor, new EvaluateProposalsRequest(scenario))));

    [Fact]
    public Task Checking_contact_eligibility_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "CheckContactEligibility",
        StaffRoles.All,
        world => Task.FromResult(world.Accounts["GRACE-1"]),
        account => new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{account}/contact-eligibility"),
        (account, scopes, actor) => scopes.RunAsync<CheckContactEligibilityRequest, ContactCheck>(actor, new CheckContactEligibilityRequest(account))));

    [Fact]
    public async Task Staff_evaluate_only_onto_the_record_and_see_only_their_creditors_accounts()
    {
        var off = await Should.ThrowAsync<DomainException>(() => _world.Scopes.RunAsync<EvaluateProposalsRequest, ProposalVerdicts>(
            GuardedWorld.Admin, new EvaluateProposalsRequest(Scenario, DecisionLogging.None), Ct));
        off.Error.Kind.ShouldBe(ErrorKind.Forbidden);

        var britOnly = new StaffMember("brit-agent@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.Only([_world.Creditors["BRIT-CARD"]]));
        var acme = _world.Accounts["ALAN-1"];
        var hidden = await Should.ThrowAsync<DomainException>(() => _world.Scopes.RunAsync<CheckContactEligibilityRequest, ContactCheck>(
            britOnly, new CheckContactEligibilityRequest(acme, Channel: ContactChannel.Letter), Ct));
        hidden.Error.Kind.ShouldBe(ErrorKind.NotFound);
        hidden.Error.Code.ShouldBe("compliance.account_not_found");

        var own = await _world.Scopes.RunAsync<CheckContactEligibilityRequest, ContactCheck>(
            britOnly, new CheckContactEligibilityRequest(_world.Accounts["KEN-1"], Channel: ContactChannel.Letter), Ct);
        own.Channels.ShouldHaveSingleItem().Channel.ShouldBe("letter");
        var log = await _world.Scopes.RunAsync<VerifyDecisionLogRequest, LogVerification>(Actor.System("test"), new VerifyDecisionLogRequest(), Ct);
        (log.Valid, log.Records).ShouldBe((true, 1L));
    }
}
