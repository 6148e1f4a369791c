using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Facts;

/// <summary>
/// The gate's port on preferences (<see cref="ICustomerContactPreferences"/>): opt-outs, the named inconvenient times,
/// the days and hours outside the allowed ones (named by the customer, so they are inconvenient times too) and a pause.
/// </summary>
internal sealed class CustomerPreferencesReader(ParleyDbContext db, IAccountOwners owners) : ICustomerContactPreferences
{
    private static readonly IsoDayOfWeek[] Week =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    public async Task<CustomerContactWishes?> GetAsync(AccountId account, CancellationToken cancellationToken)
    {
        if (await owners.GetAsync(account, cancellationToken) is not { } owner)
        {
            return null;
        }

        var stored = await db.Set<CustomerPreferences>().AsNoTracking().Where(p => p.CustomerId == owner.CustomerId)
            .Select(p => new { p.Preferences, p.ChangedAt }).SingleOrDefaultAsync(cancellationToken);
        var budget = await db.Set<CreditorContactBudget>().AsNoTracking().Where(b => b.CreditorId == owner.CreditorId).SingleOrDefaultAsync(cancellationToken);

        // Addresses that bounced (the channels' inbound handling marks them) are the gate's to pass over.
        var undeliverable = await db.Set<InvalidAddress>().AsNoTracking().Where(a => a.CustomerId == owner.CustomerId)
            .Select(a => new UndeliverableAddress(a.Channel, a.Address, a.At, a.Reason)).ToListAsync(cancellationToken);
        return Compose(stored?.Preferences, stored?.ChangedAt ?? default, budget?.Budget, undeliverable);
    }

    /// <summary>
    /// The bounced addresses of these customers, set-based (the planner's page): the same rows <see cref="GetAsync"/>
    /// reads one customer at a time.
    /// </summary>
    internal static async Task<ILookup<CustomerId, UndeliverableAddress>> UndeliverableAsync(ParleyDbContext db, IReadOnlyCollection<CustomerId> customers, CancellationToken cancellationToken)
    {
        var ids = customers.ToArray();
        return (await db.Set<InvalidAddress>().AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.CustomerId))
                .Select(a => new { a.CustomerId, Address = new UndeliverableAddress(a.Channel, a.Address, a.At, a.Reason) }).ToListAsync(cancellationToken))
            .ToLookup(a => a.CustomerId, a => a.Address);
    }

    /// <summary>Every creditor's own contact budget (a handful of rows: the planner reads them once a run).</summary>
    internal static async Task<IReadOnlyDictionary<CreditorId, ContactBudget>> BudgetsAsync(ParleyDbContext db, CancellationToken cancellationToken) =>
        await db.Set<CreditorContactBudget>().AsNoTracking().ToDictionaryAsync(b => b.CreditorId, b => b.Budget, cancellationToken);

    /// <summary>
    /// The gate's wishes from what is stored (null when nothing is): the planner and the send-time check compose them
    /// here alike, so planning never plans what sending would refuse.
    /// </summary>
    internal static CustomerContactWishes? Compose(ContactPreferences? stored, Instant changedAt, ContactBudget? budget, IReadOnlyList<UndeliverableAddress> undeliverable)
    {
        if (stored is null && budget is null && undeliverable.Count == 0)
        {
            return null;
        }

        var wishes = stored is null ? new CustomerContactWishes([], [], null) : Wishes(stored, changedAt);
        return undeliverable.Count == 0 && budget is null ? wishes : wishes with { UndeliverableAddresses = undeliverable.Count == 0 ? null : undeliverable, CreditorBudget = budget };
    }

    internal static CustomerContactWishes Wishes(ContactPreferences p, Instant changedAt)
    {
        var optOuts = p.Channels.Where(c => c.Consent == ChannelConsent.OptedOut)
            .Select(c => new ChannelOptOut(c.Channel, c.At ?? changedAt, c.Evidence)).ToList();
        var times = p.InconvenientTimes
            .Select(w => new NamedInconvenientTime(w.From, w.To, w.Days, changedAt, w.Note is { } note ? $"the customer named {PreferenceText.Window(w.From, w.To, w.Days)} ({note})" : $"the customer named {PreferenceText.Window(w.From, w.To, w.Days)}"))
            .ToList();
        if (p.AllowedFrom is { } from && p.AllowedTo is { } to)
        {
            // Outside the allowed hours, every day: from their end to their start (wrapping midnight).
            times.Add(new NamedInconvenientTime(to, from, [], changedAt, $"the customer asked for contact only between {PreferenceText.Window(from, to, [])}"));
        }

        if (p.AllowedDays.Count > 0)
        {
            var barred = Week.Where(d => !p.AllowedDays.Contains(d)).ToList();
            if (barred.Count > 0)
            {
                times.Add(new NamedInconvenientTime(LocalTime.Midnight, LocalTime.MaxValue, barred, changedAt, $"the customer asked for contact only on {PreferenceText.Days(p.AllowedDays)}"));
            }
        }

        return new CustomerContactWishes(optOuts, times, p.PausedUntil);
    }
}
