using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>A customer's time zone, language and jurisdiction for other modules (through <see cref="ICustomerLocales"/>).</summary>
internal sealed class GetCustomerLocale(ParleyDbContext db) : ICustomerLocales
{
    public async Task<CustomerLocale?> GetAsync(AccountId accountId, CancellationToken cancellationToken)
    {
        var customer = await db.Set<Account>().AsNoTracking().Where(a => a.Id == accountId)
            .Join(db.Set<Customer>(), a => a.CustomerId, c => c.Id, (a, c) => new { c.Id, c.Language })
            .SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return null;
        }

        // The primary address (position 0), as everywhere else the customer's address is read.
        var primary = await db.Set<PostalAddress>().AsNoTracking().Where(a => a.CustomerId == customer.Id).OrderBy(a => a.Position).ThenBy(a => a.Id)
            .Select(a => new { a.TimeZone, a.Jurisdiction }).FirstOrDefaultAsync(cancellationToken);
        var zone = primary?.TimeZone;
        return new CustomerLocale(accountId, string.IsNullOrWhiteSpace(zone) ? null : zone, customer.Language, primary?.Jurisdiction);
    }
}
