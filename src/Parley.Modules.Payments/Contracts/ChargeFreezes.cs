using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Payments.Contracts;

/// <summary>Why no interest or fee may be charged to an account right now: a rule id (e.g. UK-BS-FREEZE) and plain words.</summary>
public sealed record ChargeFreeze(string Code, string Reason);

/// <summary>
/// Answers whether interest and fees are frozen on an account (a Breathing Space or dispute hold, a plan that freezes
/// them). Implemented outside Payments; the ledger asks every implementation before posting interest or a fee.
/// </summary>
public interface IChargeFreezes
{
    /// <summary>The freeze in force on the account at <paramref name="at"/>, or null when interest and fees may be charged.</summary>
    Task<ChargeFreeze?> GetAsync(AccountId accountId, Instant at, CancellationToken cancellationToken);
}
