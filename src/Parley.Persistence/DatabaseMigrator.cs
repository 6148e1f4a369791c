using Microsoft.EntityFrameworkCore;

namespace Parley.Persistence;

/// <summary>Applies the provider's migrations, then seals any plaintext left in encrypted columns; used at start-up and by <c>parley db migrate</c>.</summary>
public static class DatabaseMigrator
{
    public static async Task<IReadOnlyList<string>> MigrateAsync(ParleyDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        await Protection.EncryptedColumns.EncryptPlaintextAsync(db, cancellationToken);
        return pending;
    }
}
