using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Contracts;

/// <summary>A collection step other modules take on an account, which holds and a prescribed debt may stop.</summary>
public enum CollectionStep
{
    /// <summary>Reading repayment offers to put to the customer.</summary>
    Offer,

    /// <summary>Proposing a repayment plan (or a promise to pay, a settlement).</summary>
    ProposePlan,

    /// <summary>Activating a plan: its instalments start falling due (a demand for payment).</summary>
    ActivatePlan,

    /// <summary>Recording a payment the customer chose to make; no hold stops it.</summary>
    VoluntaryPayment,
}

/// <summary>Whether a payment restarts the time limit for suing on a time-barred debt where the customer lives.</summary>
public enum LimitationRevival
{
    /// <summary>A payment may restart the time limit (the catalogue names no rule saying otherwise): the customer must be told before paying.</summary>
    MayRestart,

    /// <summary>The law says a payment does not restart it (e.g. New York, CPLR 214-i).</summary>
    DoesNotRestart,
}

/// <summary>
/// Why a collection step is stopped: the <see cref="Kind"/> (a hold kind such as <c>breathing_space</c>, or
/// <c>prescribed_debt</c>), its label in plain words, the catalogue rule, the reason an agent reads, and the team the
/// account goes to when a specialist must handle it.
/// </summary>
public sealed record CollectionBlock(string Kind, string Label, string RuleId, string Reason, string? RouteTo);

/// <summary>What must be said about a time-barred debt, and under which rule (null: platform policy, no catalogue rule).</summary>
public sealed record TimeBarDisclosure(string? RuleId, string Text);

/// <summary>
/// A time-barred debt: its statute-of-limitations date, the jurisdiction whose law was read, whether a payment restarts the
/// time limit and the sentence that tells the customer so (<see cref="RevivalNotice"/>), and everything that must be said
/// or never said (<see cref="Disclosures"/>, the revival notice last).
/// </summary>
public sealed record TimeBarNotice(LocalDate StatuteOfLimitationsDate, string? Jurisdiction, LimitationRevival Revival, TimeBarDisclosure RevivalNotice, IReadOnlyList<TimeBarDisclosure> Disclosures);

/// <summary>Where an account stands for a collection step: what stops it (empty: nothing) and, when time-barred, what must be said.</summary>
public sealed record CollectionStanding(AccountId AccountId, CollectionStep Step, IReadOnlyList<CollectionBlock> Blocks, TimeBarNotice? TimeBar)
{
    public bool Blocked => Blocks.Count > 0;

    /// <summary>Refuses the step with the first block (holds in the catalogue's hard-stop order), naming the hold, its rule and reason.</summary>
    public void ThrowIfBlocked()
    {
        if (Blocked)
        {
            throw new DomainException(new CollectionPaused(AccountId, Step, Blocks[0], Blocks));
        }
    }
}

/// <summary>The compliance module's answer on whether a collection step may be taken on an account now.</summary>
public interface ICollectionControls
{
    /// <summary>The account's standing for <paramref name="step"/> at <paramref name="at"/>, or null when there is no such account.</summary>
    Task<CollectionStanding?> GetAsync(AccountId accountId, CollectionStep step, Instant at, CancellationToken cancellationToken);
}

/// <summary>A collection step refused because a hold (or a prescribed debt) stops it: 409, naming the hold, its rule and the reason.</summary>
public sealed record CollectionPaused(AccountId AccountId, CollectionStep Step, CollectionBlock Block, IReadOnlyList<CollectionBlock> Blocks)
    : DomainError("compliance.collection_paused", $"{Block.Label}: {Block.Reason} ({Block.RuleId}){(Block.RouteTo is null ? "" : $" Route the account to the {Block.RouteTo}.")}", ErrorKind.Conflict)
{
    public override IReadOnlyDictionary<string, object?>? Extensions => new Dictionary<string, object?>
    {
        ["hold"] = Block.Kind,
        ["ruleId"] = Block.RuleId,
        ["reason"] = Block.Reason,
        ["routeTo"] = Block.RouteTo,
        ["blockedBy"] = Blocks,
    };
}
