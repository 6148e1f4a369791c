using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.UseCases;

public sealed class HoldsTests
{
    [Theory]
    [DatabaseProviders]
    public async Task A_hold_is_placed_ended_early_and_kept_as_history(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        AccountId accountId;
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor();
            db.Add(creditor);
            accountId = AccountsTestData.Debt(db, creditor, "D-1", "Dana", "Dispute").Account.Id;
            await db.SaveChangesAsync();
        }

        HoldView placed;
        await using (var scope = database.Scope())
        {
            placed = await scope.ServiceProvider.GetRequiredService<PlaceHold>()
                .HandleAsync(Staff.Agent, new PlaceHoldRequest(accountId, HoldType.Dispute, "Customer disputes the balance"), CancellationToken.None);
        }

        placed.IsActive.ShouldBeTrue();
        placed.CoversAllAccounts.ShouldBeFalse();
        database.Time.Advance(TimeSpan.FromDays(3));

        await using (var scope = database.Scope())
        {
            var ended = await scope.ServiceProvider.GetRequiredService<EndHold>()
                .HandleAsync(Staff.Acting("supervisor@parley", StaffRoles.Supervisor), new EndHoldRequest(placed.Id, "Validation sent; dispute resolved"), CancellationToken.None);
            ended.IsActive.ShouldBeFalse();
            ended.EndedBy.ShouldBe("supervisor@parley");
        }

        await using (var scope = database.Scope())
        {
            var details = await scope.ServiceProvider.GetRequiredService<GetAccountDetails>().HandleAsync(Staff.Agent, new GetAccountDetailsRequest(accountId), CancellationToken.None);
            var hold = details.Holds.ShouldHaveSingleItem();
            hold.Reason.ShouldBe("Customer disputes the balance");
            hold.EndReason.ShouldBe("Validation sent; dispute resolved");
            await Should.ThrowAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<EndHold>()
                .HandleAsync(Staff.Acting("supervisor@parley", StaffRoles.Supervisor), new EndHoldRequest(placed.Id, "again"), CancellationToken.None));
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task Only_a_supervisor_or_an_admin_ends_a_hold_early_whatever_the_caller(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        HoldView placed;
        AccountId accountId;
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor();
            db.Add(creditor);
            accountId = AccountsTestData.Debt(db, creditor, "D-1", "Dana", "Dispute").Account.Id;
            await db.SaveChangesAsync();
            placed = await scope.ServiceProvider.GetRequiredService<PlaceHold>()
                .HandleAsync(Staff.Agent, new PlaceHoldRequest(accountId, HoldType.Dispute, "Customer disputes the balance"), CancellationToken.None);
        }

        // The page calls the use case directly, so the use case itself must refuse what the endpoint's policy refuses.
        foreach (var actor in new[] { Staff.Agent, Staff.Acting("compliance@parley", StaffRoles.Compliance), Staff.Acting("nobody@parley"), Actor.From(new System.Security.Claims.ClaimsPrincipal()), Actor.System("job") })
        {
            await using var scope = database.Scope();
            var refused = await Should.ThrowAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<EndHold>()
                .HandleAsync(actor, new EndHoldRequest(placed.Id, "Agent thinks it is resolved"), CancellationToken.None));
            refused.Error.Code.ShouldBe("hold.end_needs_supervisor");
            refused.Error.Kind.ShouldBe(ErrorKind.Forbidden);
        }

        await using (var scope = database.Scope())
        {
            // Refused means nothing changed: the dispute still stops collection.
            var details = await scope.ServiceProvider.GetRequiredService<GetAccountDetails>().HandleAsync(Staff.Agent, new GetAccountDetailsRequest(accountId), CancellationToken.None);
            details.Holds.ShouldHaveSingleItem().IsActive.ShouldBeTrue();

            var ended = await scope.ServiceProvider.GetRequiredService<EndHold>()
                .HandleAsync(Staff.Acting("admin@parley", StaffRoles.Admin), new EndHoldRequest(placed.Id, "Validation sent"), CancellationToken.None);
            ended.IsActive.ShouldBeFalse();
            ended.EndedBy.ShouldBe("admin@parley");
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task Breathing_space_resumes_by_itself_at_its_planned_end(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        AccountId accountId;
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = AccountsTestData.Creditor("UKL", Currency.GBP);
            db.Add(creditor);
            accountId = AccountsTestData.Debt(db, creditor, "B-1", "Bea", "Space", jurisdiction: "GB-ENG", timeZone: "Europe/London").Account.Id;
            await db.SaveChangesAsync();
        }

        var start = Instant.FromDateTimeOffset(database.Time.GetUtcNow());
        await using (var scope = database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<PlaceHold>().HandleAsync(Staff.Agent, new PlaceHoldRequest(accountId, HoldType.BreathingSpace, "Standard breathing space (Insolvency Service notice)", PlannedEndAt: start + Duration.FromDays(60), AllAccounts: true), CancellationToken.None);
        }

        database.Time.Advance(TimeSpan.FromDays(59));
        await using (var scope = database.Scope())
        {
            (await scope.ServiceProvider.GetRequiredService<ResumeDueHolds>().HandleAsync(CancellationToken.None)).ShouldBe(0);
            (await scope.ServiceProvider.GetRequiredService<GetAccountDetails>().HandleAsync(Staff.Agent, new GetAccountDetailsRequest(accountId), CancellationToken.None)).Holds.Single().IsActive.ShouldBeTrue();
        }

        database.Time.Advance(TimeSpan.FromDays(1));
        await using (var scope = database.Scope())
        {
            (await scope.ServiceProvider.GetRequiredService<ResumeDueHolds>().HandleAsync(CancellationToken.None)).ShouldBe(1);
            var hold = (await scope.ServiceProvider.GetRequiredService<GetAccountDetails>().HandleAsync(Staff.Agent, new GetAccountDetailsRequest(accountId), CancellationToken.None)).Holds.Single();
            hold.IsActive.ShouldBeFalse();
            hold.EndedAt.ShouldBe(start + Duration.FromDays(60));
            hold.EndedBy.ShouldBe("system");
        }
    }

    [Fact]
    public void A_planned_end_before_the_start_is_refused() =>
        Should.Throw<DomainException>(() => new Hold(CustomerId.New(), null, HoldType.Hardship, Instant.FromUtc(2026, 1, 2, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0), true, "r", "me"))
            .Error.ShouldBeOfType<HoldPlannedEndBeforeStart>();
}
