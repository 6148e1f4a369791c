using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Sending;

/// <summary>Why a contact stops before the gate is asked, and until when (a pause's end; null when no end is known).</summary>
internal sealed record PreGateRefusal(string Reason, Instant? Until);

/// <summary>
/// The checks both senders make before the compliance gate (the account still open for collection, no pause the
/// customer asked for), on statuses and stored preferences read once for a set of accounts: one contact for
/// <see cref="SendContactNow"/>, a claimed batch for <see cref="SendDueContacts"/>.
/// </summary>
internal sealed class PreGate
{
    private readonly IReadOnlyDictionary<AccountId, AccountStatus> _statuses;
    private readonly IReadOnlyDictionary<CustomerId, (ContactPreferences Preferences, Instant ChangedAt)> _preferences;

    private PreGate(IReadOnlyDictionary<AccountId, AccountStatus> statuses, IReadOnlyDictionary<CustomerId, (ContactPreferences, Instant)> preferences) =>
        (_statuses, _preferences) = (statuses, preferences);

    /// <summary>Two queries whatever the number of accounts: their statuses and their customers' stored preferences.</summary>
    public static async Task<PreGate> ReadAsync(ParleyDbContext db, IContactableAccounts accounts, IReadOnlyCollection<(AccountId Account, CustomerId Customer)> contacts, CancellationToken cancellationToken)
    {
        var statuses = await accounts.StatusesAsync([.. contacts.Select(c => c.Account).Distinct()], cancellationToken);
        var customers = contacts.Select(c => c.Customer).Distinct().ToArray();
        var stored = await db.Set<CustomerPreferences>().AsNoTracking().Where(p => EF.Parameter(customers).Contains(p.CustomerId))
            .Select(p => new { p.CustomerId, p.Preferences, p.ChangedAt })
            .ToListAsync(cancellationToken);
        return new PreGate(statuses, stored.ToDictionary(p => p.CustomerId, p => (p.Preferences, p.ChangedAt)));
    }

    /// <summary>The customer's stored preferences (none stored: <see cref="ContactPreferences.None"/>) and when they last changed.</summary>
    public (ContactPreferences Preferences, Instant ChangedAt)? Stored(CustomerId customer) =>
        _preferences.TryGetValue(customer, out var p) ? p : null;

    public ContactPreferences PreferencesOf(CustomerId customer) => Stored(customer)?.Preferences ?? ContactPreferences.None;

    /// <summary>Null when the contact goes on to the gate.</summary>
    public PreGateRefusal? Refusal(AccountId account, CustomerId customer, Instant now)
    {
        // An account that has gone is as closed as one that was closed: nothing is sent about it.
        if (_statuses.GetValueOrDefault(account, AccountStatus.Closed) is not AccountStatus.Open and var status)
        {
            return new PreGateRefusal($"the account is {Words(status)} now", null);
        }

        return PreferencesOf(customer).PausedUntil is { } paused && paused > now
            ? new PreGateRefusal($"the customer paused contact until {paused.InUtc().Date:uuuu-MM-dd}", paused)
            : null;
    }

    private static string Words(AccountStatus status) => status switch
    {
        AccountStatus.Open => "open",
        AccountStatus.InArrangement => "in an arrangement",
        AccountStatus.PaidInFull => "paid in full",
        AccountStatus.Settled => "settled",
        AccountStatus.Recalled => "recalled by the creditor",
        AccountStatus.Closed => "closed",
        AccountStatus.InCredit => "in credit",
    };
}
