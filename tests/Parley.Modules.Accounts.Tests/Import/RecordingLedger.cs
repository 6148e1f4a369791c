using System.Collections.Concurrent;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Tests.Import;

/// <summary>
/// Stands in for the payments ledger where none is registered (the real one is registered by the Payments module):
/// records what the importer hands over, call by call.
/// </summary>
internal sealed class RecordingLedger : ILedgerPlacements
{
    public ConcurrentQueue<IReadOnlyList<PlacementBalance>> Calls { get; } = new();

    public ConcurrentQueue<(IReadOnlyList<AccountId> Accounts, AllocationWaterfall Waterfall)> Waterfalls { get; } = new();

    public IEnumerable<PlacementBalance> Balances => Calls.SelectMany(c => c);

    public Task ApplyAsync(IReadOnlyList<PlacementBalance> balances, CancellationToken cancellationToken)
    {
        Calls.Enqueue(balances.ToList());
        return Task.CompletedTask;
    }

    public Task SetWaterfallAsync(IReadOnlyList<AccountId> accounts, AllocationWaterfall waterfall, CancellationToken cancellationToken)
    {
        Waterfalls.Enqueue((accounts.ToList(), waterfall));
        return Task.CompletedTask;
    }
}
