using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Creditors;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;

namespace Parley.Modules.Accounts.Tests.Import;

/// <summary>A fresh database with creditor ACME (USD), and helpers to import CSV text and read what was stored.</summary>
internal sealed class ImportHost : IAsyncDisposable
{
    private ImportHost(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public static async Task<ImportHost> CreateAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var scope = database.Scope();
        await scope.ServiceProvider.GetRequiredService<CreateCreditor>().HandleAsync(Staff.Acting("admin@parley", StaffRoles.Admin), new CreateCreditorRequest("ACME", "Acme Bank", "USD"), CancellationToken.None);
        return new ImportHost(database);
    }

    public Task<ImportRun> ImportAsync(string csv, bool dryRun = false, int batchSize = 5000, TextWriter? rejects = null) =>
        ImportAsync(System.Text.Encoding.UTF8.GetBytes(csv), dryRun, batchSize, rejects);

    public async Task<ImportRun> ImportAsync(byte[] file, bool dryRun = false, int batchSize = 5000, TextWriter? rejects = null)
    {
        await using var scope = Database.Scope();
        using var stream = new MemoryStream(file);
        var request = new PlacementImportRequest(stream, "placements.csv", dryRun) { BatchSize = batchSize, RejectsOut = rejects };
        return await scope.ServiceProvider.GetRequiredService<PlacementImporter>().ImportAsync(request, CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(Func<ParleyDbContext, Task<T>> query)
    {
        await using var scope = Database.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<ParleyDbContext>());
    }

    public Task<List<Account>> AccountsAsync() => QueryAsync(db => db.Set<Account>().AsNoTracking().OrderBy(a => a.CreditorReference).ToListAsync());

    public Task<List<ImportReject>> RejectsAsync(ImportRun run) =>
        QueryAsync(db => db.Set<ImportReject>().AsNoTracking().Where(r => r.ImportId == run.Id).OrderBy(r => r.RowNumber).ThenBy(r => r.Ordinal).ToListAsync());

    /// <summary>The balance the ledger holds for an account, in minor units.</summary>
    public async Task<(long Principal, long Interest, long Fees)> BalanceAsync(Account account)
    {
        await using var scope = Database.Scope();
        var balance = await scope.ServiceProvider.GetRequiredService<IBalanceQueries>().GetAsync(account.Id, CancellationToken.None)
            ?? throw new InvalidOperationException($"No ledger for {account.CreditorReference}.");
        return (balance.Principal.ToMinorUnits(), balance.Interest.ToMinorUnits(), balance.Fees.ToMinorUnits());
    }

    /// <summary>Every ledger entry and balance, to show that nothing moved.</summary>
    public Task<string> LedgerSnapshotAsync() => QueryAsync(async db =>
    {
        var balances = await db.Set<LedgerAccount>().AsNoTracking().ToListAsync();
        var entries = await db.Set<LedgerEntry>().CountAsync();
        return $"{entries} entries; " + string.Join(';', balances.OrderBy(b => b.AccountId.Value).Select(b => $"{b.AccountId} {b.Waterfall}"));
    });

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
