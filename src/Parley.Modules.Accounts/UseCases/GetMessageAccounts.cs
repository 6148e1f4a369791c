using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// What messages about a page of accounts name, in four queries whatever the page's size (accounts, creditors, customers,
/// addresses); an account outside the actor's creditors is left out, exactly as one that does not exist.
/// </summary>
public sealed class GetMessageAccounts(ParleyDbContext db) : IUseCase<GetMessageAccountsRequest, IReadOnlyDictionary<AccountId, MessageAccount>>
{
    public async Task<IReadOnlyDictionary<AccountId, MessageAccount>> HandleAsync(Actor actor, GetMessageAccountsRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read accounts for messages", [], allowSystem: true);
        var ids = request.Accounts.Distinct().ToList();
        if (ids.Count > GetMessageAccountsRequest.MaxAccounts)
        {
            throw new DomainException(new MessageAccountsInvalid(ids.Count));
        }

        if (ids.Count == 0)
        {
            return new Dictionary<AccountId, MessageAccount>();
        }

        // Each id list is one JSON parameter (EF.Parameter), as the gate's profiles read them: no parameter per id.
        var accounts = (await db.Set<Account>().AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
                .Select(a => new { a.Id, a.CreditorId, a.CustomerId, a.CreditorReference, a.OriginalCreditor, a.Currency, a.ChargeOffDate, a.PlacedAt, a.Statements })
                .ToListAsync(cancellationToken))
            .Where(a => actor.Creditors.Includes(a.CreditorId))
            .ToList();
        if (accounts.Count == 0)
        {
            return new Dictionary<AccountId, MessageAccount>();
        }

        var creditorIds = accounts.Select(a => a.CreditorId).Distinct().ToList();
        var creditors = await db.Set<Creditor>().AsNoTracking().Where(c => EF.Parameter(creditorIds).Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var customerIds = accounts.Select(a => a.CustomerId).Distinct().ToList();
        var customers = await db.Set<Customer>().AsNoTracking().Where(c => EF.Parameter(customerIds).Contains(c.Id))
            .Select(c => new { c.Id, c.GivenName, c.FamilyName, c.Language })
            .ToDictionaryAsync(c => c.Id, cancellationToken);

        // The primary address (position 0) first, as everywhere else the customer's address is read.
        var addresses = (await db.Set<PostalAddress>().AsNoTracking().Where(a => EF.Parameter(customerIds).Contains(a.CustomerId)).OrderBy(a => a.Position).ThenBy(a => a.Id)
                .Select(a => new { a.CustomerId, Address = new MessageAddress(a.Line1, a.Line2, a.City, a.PostalCode, a.Jurisdiction, a.TimeZone) })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.CustomerId, a => a.Address);
        var found = new Dictionary<AccountId, MessageAccount>(accounts.Count);
        foreach (var a in accounts)
        {
            var customer = customers[a.CustomerId];
            found[a.Id] = new MessageAccount(
                a.Id,
                a.CreditorId,
                creditors[a.CreditorId],
                a.CreditorReference,
                a.OriginalCreditor,
                a.Currency.Code,
                a.ChargeOffDate,
                a.PlacedAt,
                customer.GivenName,
                customer.FamilyName,
                customer.Language,
                [.. a.Statements.Months.Select(s => new MessageStatement(s.StatementDate, Money.FromMinorUnits(s.AmountDueMinor, a.Currency).Amount))],
                [.. addresses[a.CustomerId]]);
        }

        return found;
    }
}
