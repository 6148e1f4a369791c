using Parley.Modules.Arrangements.Schedules;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Offers;

/// <summary>An offer as the proposal that makes it a plan, so it can be proposed or simulated exactly as it was made.</summary>
public static class OfferProposal
{
    /// <summary>The request that proposes <paramref name="offer"/> on <paramref name="account"/>; null for a pause with nothing due (no schedule to agree).</summary>
    public static ProposeArrangementRequest? For(AccountId account, Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Shape is { } shape
            ? new ProposeArrangementRequest(account, PlanShapes.ToSpec(shape), offer.Frequency, PlanShapes.Instalment(shape), offer.Start)
            : null;
    }
}
