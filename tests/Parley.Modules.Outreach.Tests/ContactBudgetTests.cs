using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Outreach.Tests;

/// <summary>A creditor's contact budget narrows the law's caps: the gate counts the customer's outbound contacts against it.</summary>
public sealed class ContactBudgetTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly Actor ComplianceOfficer = Staff.Acting("compliance@parley", StaffRoles.Compliance);

    private static async Task<(AccountId Account, CreditorId Creditor)> SeedAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = OutreachTestData.Creditor();
        db.Add(creditor);
        var account = OutreachTestData.Debt(db, creditor, "B-1").Account.Id;
        await db.SaveChangesAsync();
        return (account, creditor.Id);
    }

    private static async Task<TResult> RunAsync<TRequest, TResult>(TestDatabase database, Actor actor, TRequest request)
        where TRequest : notnull
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<TRequest, TResult>>().HandleAsync(actor, request, None);
    }

    private static Task<ContactBudgetView> SetAsync(TestDatabase database, CreditorId creditor, ContactBudget budget, Actor? actor = null) =>
        RunAsync<ChangeContactBudgetRequest, ContactBudgetView>(database, actor ?? ComplianceOfficer, new ChangeContactBudgetRequest(creditor, budget, "fewer calls: customers told us they felt chased"));

    private static Task<ContactAttemptView> CallAsync(TestDatabase database, AccountId account, Instant at, ContactOutcome outcome, ContactDirection direction = ContactDirection.Outbound) =>
        RunAsync<RecordContactAttemptRequest, ContactAttemptView>(database, Staff.Agent, new RecordContactAttemptRequest(
            account, ContactChannel.Call, OutreachTestData.Phone, $"call-{at.ToUnixTimeTicks()}", direction, at, outcome));

    private static async Task<ChannelDecision> DecisionAsync(TestDatabase database, AccountId account, ContactChannel channel) =>
        (await RunAsync<CheckContactEligibilityRequest, ContactCheck>(database, Staff.Agent, new CheckContactEligibilityRequest(account, Channel: channel))).Channels.ShouldHaveSingleItem();

    [Theory]
    [DatabaseProviders]
    public async Task Once_the_budget_is_spent_the_next_call_waits_until_the_oldest_counted_call_is_seven_days_old(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, creditor) = await SeedAsync(database);
        var now = database.Services.GetRequiredService<IClock>().GetCurrentInstant();
        var set = await SetAsync(database, creditor, new ContactBudget(2, null, null, null));
        set.ChangedBy.ShouldBe("compliance@parley");

        await CallAsync(database, account, now - Duration.FromDays(3), ContactOutcome.NoAnswer);
        (await DecisionAsync(database, account, ContactChannel.Call)).Allowed.ShouldBeTrue("one call of a budget of two");

        // Neither a call the customer made nor one that never connected spends the budget.
        await CallAsync(database, account, now - Duration.FromDays(2), ContactOutcome.NoAnswer, ContactDirection.Inbound);
        await CallAsync(database, account, now - Duration.FromDays(2) + Duration.FromHours(1), ContactOutcome.NotConnected);
        (await DecisionAsync(database, account, ContactChannel.Call)).Allowed.ShouldBeTrue("an inbound and an unconnected call do not count");

        await CallAsync(database, account, now - Duration.FromDays(1), ContactOutcome.Voicemail);
        var spent = await DecisionAsync(database, account, ContactChannel.Call);
        spent.Allowed.ShouldBeFalse();
        spent.Reason.ShouldStartWith("the creditor's contact policy allows 2 calls in any 7 days and 2 were made since");
        spent.NextLawfulAt.ShouldBe(now - Duration.FromDays(3) + Duration.FromDays(7));
        // The budget is per channel: a text is still the law's to decide.
        (await DecisionAsync(database, account, ContactChannel.Email)).Allowed.ShouldBeTrue();

        await SetAsync(database, creditor, new ContactBudget(null, null, null, null));
        (await DecisionAsync(database, account, ContactChannel.Call)).Allowed.ShouldBeTrue("without a budget of its own only the law's caps count");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_budget_is_set_by_compliance_or_an_admin_within_the_law_and_only_for_a_creditor_they_work_for(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, creditor) = await SeedAsync(database);

        var agent = await Should.ThrowAsync<DomainException>(() => SetAsync(database, creditor, new ContactBudget(3, null, null, null), Staff.Agent));
        agent.Error.Kind.ShouldBe(ErrorKind.Forbidden);

        var aboveTheLaw = await Should.ThrowAsync<DomainException>(() => SetAsync(database, creditor, new ContactBudget(8, null, null, null)));
        aboveTheLaw.Error.FieldErrors.ShouldNotBeNull().Keys.ShouldBe(["budget.callsPer7Days"]);
        var negative = await Should.ThrowAsync<DomainException>(() => SetAsync(database, creditor, new ContactBudget(null, -1, null, null)));
        negative.Error.FieldErrors.ShouldNotBeNull().Keys.ShouldBe(["budget.textsPer7Days"]);

        var elsewhere = Actor.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "elsewhere@parley"), new Claim(CreditorScope.ClaimType, CreditorId.New().ToString()), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "test")));
        (await Should.ThrowAsync<DomainException>(() => SetAsync(database, creditor, new ContactBudget(3, null, null, null), elsewhere))).Error.Kind.ShouldBe(ErrorKind.NotFound);
        (await Should.ThrowAsync<DomainException>(() => RunAsync<GetContactBudgetRequest, ContactBudgetView>(database, elsewhere, new GetContactBudgetRequest(creditor)))).Error.Kind.ShouldBe(ErrorKind.NotFound);
        (await Should.ThrowAsync<DomainException>(() => SetAsync(database, CreditorId.New(), new ContactBudget(3, null, null, null)))).Error.Kind.ShouldBe(ErrorKind.NotFound);

        // Nothing was stored by any refusal: the creditor still has no budget of its own.
        var read = await RunAsync<GetContactBudgetRequest, ContactBudgetView>(database, Staff.Agent, new GetContactBudgetRequest(creditor));
        read.Budget.ShouldBe(new ContactBudget(null, null, null, null));
        read.ChangedBy.ShouldBeNull();
    }
}
