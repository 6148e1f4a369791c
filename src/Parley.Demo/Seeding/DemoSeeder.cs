using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Demo.Placements;
using Parley.Demo.Portfolio;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Demo.Seeding;

public sealed record DemoSeedResult(
    int CreditorsCreated,
    ImportRunSummary Import,
    int HoldsPlaced,
    int PaymentsPosted,
    int Overpayments,
    int Chargebacks,
    DemoOutreachResult Outreach);

/// <summary>
/// Seeds the demo portfolio through the real paths: creditors through the create-creditor use case, accounts through
/// the placement import, payments and chargebacks through the ledger, whose outbox events then move the accounts they
/// cleared to paid in full or in credit (docs/accounts.md, "Account standing"). Idempotent per seed: creditor codes and
/// references are fixed, the import leaves unchanged rows alone, and holds and payments already present are not
/// added again.
/// </summary>
public sealed class DemoSeeder(
    ParleyDbContext db,
    IUseCase<CreateCreditorRequest, CreditorView> createCreditor,
    IUseCase<ImportPlacementsRequest, ImportRunSummary> importPlacements,
    LedgerWriter ledger,
    OutboxDispatcher outbox,
    IClock clock,
    IServiceProvider services)
{
    public const string SetBy = "demo-seed";

    private static readonly Actor Seed = Actor.System(SetBy);

    public async Task<DemoSeedResult> SeedAsync(int seed, int people, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        ArgumentOutOfRangeException.ThrowIfLessThan(people, 1);
        var now = clock.GetCurrentInstant();
        var generator = new PortfolioGenerator(seed, now.InUtc().Date);

        var creditorsCreated = await EnsureCreditorsAsync(cancellationToken);
        var import = await ImportAsync(generator, seed, people, cancellationToken);
        var accounts = await AccountIdsAsync(cancellationToken);
        var holds = await PlaceHoldsAsync(generator, people, accounts, cancellationToken);
        var (payments, overpayments, chargebacks) = await PostPaymentsAsync(generator, people, accounts, now, cancellationToken);
        // Accounts the payments cleared become paid in full or in credit now, not when a host next dispatches the outbox.
        while (await outbox.DispatchAsync(cancellationToken) == OutboxDispatcher.BatchSize)
        {
        }

        db.ChangeTracker.Clear();
        var outreach = await ActivatorUtilities.CreateInstance<DemoOutreach>(services)
            .SeedAsync(seed, [.. accounts.Values.Select(a => a.Account)], now, cancellationToken);
        // The customers' replies are read by Care now, so the Care queue has work on a fresh demo.
        db.ChangeTracker.Clear();
        while (await outbox.DispatchAsync(cancellationToken) == OutboxDispatcher.BatchSize)
        {
        }

        return new DemoSeedResult(creditorsCreated, import, holds, payments, overpayments, chargebacks, outreach);
    }

    private async Task<int> EnsureCreditorsAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Set<Creditor>().Select(c => c.Code).ToListAsync(cancellationToken);
        var created = 0;
        foreach (var creditor in DemoCreditors.All.Where(c => !existing.Contains(c.Code)))
        {
            await createCreditor.HandleAsync(
                Seed,
                new CreateCreditorRequest(
                    creditor.Code,
                    creditor.Name,
                    creditor.Currency.Code,
                    creditor.Waterfall,
                    Money.FromMinorUnits(creditor.MinimumInstalmentMinor, creditor.Currency).Amount,
                    creditor.SettlementDiscountMinPercent,
                    creditor.SettlementDiscountMaxPercent),
                cancellationToken);
            created++;
        }

        return created;
    }

    /// <summary>Writes the placement file to a temporary file (memory stays flat for any size) and imports it.</summary>
    private async Task<ImportRunSummary> ImportAsync(PortfolioGenerator generator, int seed, int people, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-demo-{seed}-{NewId.Next():N}.csv");
        try
        {
            await PlacementFileWriter.WriteFileAsync(path, generator.People().Take(people), long.MaxValue, null, cancellationToken);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return await importPlacements.HandleAsync(Seed, new ImportPlacementsRequest(file, $"demo-seed-{seed}-{people}.csv", DryRun: false), cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<Dictionary<(string Creditor, string Reference), (AccountId Account, CustomerId Customer)>> AccountIdsAsync(CancellationToken cancellationToken)
    {
        var codes = DemoCreditors.All.Select(c => c.Code).ToList();
        var rows = await db.Set<Account>().AsNoTracking()
            .Join(db.Set<Creditor>().Where(c => codes.Contains(c.Code)), a => a.CreditorId, c => c.Id, (a, c) => new { c.Code, a.CreditorReference, a.Id, a.CustomerId })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (r.Code, r.CreditorReference), r => (r.Id, r.CustomerId));
    }

    private async Task<int> PlaceHoldsAsync(
        PortfolioGenerator generator,
        int people,
        Dictionary<(string Creditor, string Reference), (AccountId Account, CustomerId Customer)> accounts,
        CancellationToken cancellationToken)
    {
        var existing = (await db.Set<Hold>().AsNoTracking().Where(h => h.SetBy == SetBy).Select(h => new { h.CustomerId, h.AccountId, h.Type }).ToListAsync(cancellationToken))
            .Select(h => (h.CustomerId, h.AccountId, h.Type)).ToHashSet();
        var placed = 0;
        foreach (var person in generator.People().Take(people))
        {
            foreach (var customer in person.Customers)
            {
                foreach (var hold in customer.Holds)
                {
                    var anyAccount = customer.Accounts[0].Reference;
                    if (!accounts.TryGetValue((customer.Creditor.Code, hold.AccountReference ?? anyAccount), out var ids))
                    {
                        continue;
                    }

                    AccountId? accountId = hold.AccountReference is null ? null : ids.Account;
                    if (!existing.Add((ids.Customer, accountId, hold.Type)))
                    {
                        continue;
                    }

                    var startsAt = hold.StartsOn.AtMidnight().InUtc().ToInstant();
                    Instant? plannedEnd = hold.PlannedDays is { } days ? startsAt + Duration.FromDays(days) : null;
                    db.Add(new Hold(ids.Customer, accountId, hold.Type, startsAt, plannedEnd, hold.ResumesAutomatically, hold.Reason, SetBy));
                    placed++;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return placed;
    }

    /// <summary>The demo's ledger payments and chargebacks (<see cref="DemoLedgerPayments"/>), posted through the ledger.</summary>
    private async Task<(int Payments, int Overpayments, int Chargebacks)> PostPaymentsAsync(
        PortfolioGenerator generator,
        int people,
        Dictionary<(string Creditor, string Reference), (AccountId Account, CustomerId Customer)> accounts,
        Instant now,
        CancellationToken cancellationToken)
    {
        var keyPrefix = $"demo:{generator.Seed}:";
        if (await db.Set<LedgerEntry>().AnyAsync(e => e.IdempotencyKey.StartsWith(keyPrefix), cancellationToken))
        {
            return (0, 0, 0);
        }

        int payments = 0, overpayments = 0, chargebacks = 0;
        foreach (var person in generator.People().Take(people))
        {
            var creditorOf = person.Customers.SelectMany(c => c.Accounts.Select(a => (a.Reference, c.Creditor))).ToDictionary(p => p.Reference, p => p.Creditor);
            foreach (var payment in DemoLedgerPayments.For(generator, person, now))
            {
                var creditor = creditorOf[payment.AccountReference];
                if (!accounts.TryGetValue((creditor.Code, payment.AccountReference), out var ids))
                {
                    continue;
                }

                var command = new PaymentCommand(
                    Money.FromMinorUnits(payment.AmountMinor, creditor.Currency).Amount,
                    creditor.Currency.Code,
                    payment.ReceivedAt,
                    payment.Method.Name(),
                    payment.Reference,
                    $"{keyPrefix}{payment.AccountReference}:payment:{payment.Sequence}");
                var posted = await RecordPayment.PostAsync(ids.Account, command, RecordPayment.RequestHash(command), ledger, clock, cancellationToken);
                payments++;
                overpayments += payment.Overpayment ? 1 : 0;
                if (payment.ChargedBackAt is { } chargedBackAt)
                {
                    await ReverseEntry.PostAsync(
                        db,
                        ledger,
                        ids.Account,
                        posted.Entry.Id,
                        new Posting($"{keyPrefix}{payment.AccountReference}:chargeback:{payment.Sequence}", chargedBackAt, now, "Card chargeback: the customer disputed the payment with their bank."),
                        cancellationToken);
                    chargebacks++;
                }
            }
        }

        return (payments, overpayments, chargebacks);
    }
}
