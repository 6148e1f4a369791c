using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Web.Ui.Shared;

public sealed record CreditorOption(CreditorId Id, string Name);

/// <summary>The creditor filter's choices.</summary>
public sealed class CreditorOptions(ParleyDbContext db)
{
    public async Task<IReadOnlyList<CreditorOption>> ListAsync(CancellationToken cancellationToken) =>
        await db.Set<Creditor>().AsNoTracking().OrderBy(c => c.Name).Select(c => new CreditorOption(c.Id, c.Name)).ToListAsync(cancellationToken);
}
