using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// The creditor reference of each asked-for account the actor may see, in one round trip; an account outside the actor's
/// creditors is left out, exactly as one that does not exist, so a list shows "Open account" rather than a stranger's reference.
/// </summary>
public sealed class GetAccountReferences(ParleyDbContext db) : IUseCase<GetAccountReferencesRequest, IReadOnlyDictionary<AccountId, string>>
{
    public async Task<IReadOnlyDictionary<AccountId, string>> HandleAsync(Actor actor, GetAccountReferencesRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read account references", []);
        var ids = request.Accounts.Distinct().ToArray();
        if (ids.Length > GetAccountReferencesRequest.MaxAccounts)
        {
            throw new DomainException(new AccountReferencesInvalid(ids.Length));
        }

        if (ids.Length == 0)
        {
            return new Dictionary<AccountId, string>();
        }

        var rows = await db.Set<Account>().AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.CreditorId, a.CreditorReference })
            .ToListAsync(cancellationToken);
        return rows.Where(r => actor.Creditors.Includes(r.CreditorId)).ToDictionary(r => r.Id, r => r.CreditorReference);
    }
}
