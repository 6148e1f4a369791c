using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Import;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Import;

public sealed class PlacementStoreTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Foreign_keys_are_enforced_again_on_the_same_connection_once_a_batch_commits(DatabaseProvider provider)
    {
        await using var host = await ImportHost.CreateAsync(provider);
        await using var scope = host.Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        await db.Database.OpenConnectionAsync();
        IPlacementStore store = provider == DatabaseProvider.Postgres ? new PostgresPlacementStore(db) : new SqlitePlacementStore(db);
        await using (var batch = await db.Database.BeginTransactionAsync())
        {
            await store.LockAsync(CancellationToken.None);
            await batch.CommitAsync();
        }

        // A reject of an import run that does not exist: the batch's relaxed checks must not outlive its transaction.
        var orphan = db.Database.ExecuteSqlAsync(
            $"INSERT INTO accounts_import_rejects (\"ImportId\", \"RowNumber\", \"Ordinal\", \"AccountRef\", \"Field\", \"Message\") VALUES ({Guid.CreateVersion7()}, 2, 0, 'A1', '', 'x')");

        await Should.ThrowAsync<DbException>(orphan);
    }
}
