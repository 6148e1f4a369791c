using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>An account's contact points, consents and active holds, for the compliance gate (through <see cref="IContactProfiles"/>).</summary>
internal sealed class GetContactProfile(ParleyDbContext db) : IContactProfiles
{
    // The same projections as a page of them: whole accounts (statement history) and customers (a sealed field to decrypt)
    // cost the send-time re-check more than the contact points themselves.
    public async Task<ContactProfile?> GetAsync(AccountId accountId, Instant at, CancellationToken cancellationToken) =>
        (await GetManyAsync([accountId], at, cancellationToken)).GetValueOrDefault(accountId);

    public async Task<IReadOnlyDictionary<AccountId, ContactProfile>> GetManyAsync(IReadOnlyCollection<AccountId> accountIds, Instant at, CancellationToken cancellationToken)
    {
        // Only the columns a profile carries: a planner reads thousands at a time, and whole accounts (their statement
        // history) and customers (sealed fields) cost a hundred times more than the contact points themselves.
        // Each id list is one JSON parameter (EF.Parameter): expanded to one parameter per id, binding 5,000 named
        // parameters cost SQLite more than the query itself.
        var ids = accountIds.Distinct().ToList();
        var accounts = await db.Set<Account>().AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .Select(a => new { a.Id, a.CustomerId, a.CreditorReference, a.StatuteOfLimitationsDate })
            .ToListAsync(cancellationToken);
        var customerIds = accounts.Select(a => a.CustomerId).Distinct().ToList();

        // Contact points in their recorded place, the primary address first (its zone and jurisdiction decide the hours).
        var addresses = (await db.Set<PostalAddress>().AsNoTracking().Where(a => EF.Parameter(customerIds).Contains(a.CustomerId)).OrderBy(a => a.Position).ThenBy(a => a.Id)
                .Select(a => new { a.CustomerId, Address = new ContactPostalAddress(a.Line1, a.Line2, a.City, a.PostalCode, a.Jurisdiction, a.TimeZone) })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.CustomerId, a => a.Address);
        var phones = (await db.Set<PhoneNumber>().AsNoTracking().Where(p => EF.Parameter(customerIds).Contains(p.CustomerId) && p.RetiredAt == null).OrderBy(p => p.Position).ThenBy(p => p.Id)
                .Select(p => new { p.CustomerId, p.E164, p.Type, p.ConsentToCall, p.ConsentToSms })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.CustomerId, p => new ContactPhone(p.E164, Kind(p.Type), p.ConsentToCall, p.ConsentToSms));
        var emails = (await db.Set<EmailAddress>().AsNoTracking().Where(e => EF.Parameter(customerIds).Contains(e.CustomerId) && e.RetiredAt == null).OrderBy(e => e.Position).ThenBy(e => e.Id)
                .Select(e => new { e.CustomerId, e.Address, e.Type, e.ConsentToEmail })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.CustomerId, e => new ContactEmail(e.Address, e.Type == EmailType.Work, e.ConsentToEmail));
        var holds = (await db.Set<Hold>().AsNoTracking()
                .Where(h => EF.Parameter(customerIds).Contains(h.CustomerId))
                .Where(Hold.ActiveAt(at))
                .OrderBy(h => h.StartsAt)
                .ToListAsync(cancellationToken))
            .ToLookup(h => h.CustomerId);
        return accounts.ToDictionary(
            a => a.Id,
            a => new ContactProfile(
                a.Id,
                a.CreditorReference,
                a.StatuteOfLimitationsDate,
                [.. addresses[a.CustomerId]],
                [.. phones[a.CustomerId]],
                [.. emails[a.CustomerId]],
                [.. holds[a.CustomerId].Where(h => h.AccountId is null || h.AccountId == a.Id).Select(h => new ContactHold(h.Type, h.StartsAt, h.PlannedEndAt, h.Reason))]));
    }

    private static ContactPhoneKind Kind(PhoneType type) => type switch
    {
        PhoneType.Mobile => ContactPhoneKind.Mobile,
        PhoneType.Landline => ContactPhoneKind.Landline,
        PhoneType.Work => ContactPhoneKind.Work,
    };
}
