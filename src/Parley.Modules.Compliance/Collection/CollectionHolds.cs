using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Compliance.Collection;

/// <summary>
/// Which holds stop which collection steps, under which catalogue rule (compliance-rules.md §0.2.1 hard stops). Offers,
/// plan proposals and activations (a plan's instalments are demands for payment) stop for a dispute not yet answered, a
/// written cease request, a Breathing Space or mental-health-crisis moratorium, a death or a bankruptcy; a payment the
/// customer chooses to make is never refused. Hardship, complaint and vulnerability-review holds leave offers open: a
/// customer in hardship is to be offered forbearance (UK-CONC-FORBEARANCE), not turned away. Where the catalogue has no
/// rule (bankruptcy; a UK cease request or death) the id names the platform's policy (<c>PARLEY-HOLD-…</c>).
/// </summary>
public static class CollectionHolds
{
    /// <summary>The holds that stop offers, plans and demands, in the catalogue's hard-stop order (the first is the one a refusal names).</summary>
    public static readonly IReadOnlyList<HoldType> Stopping =
    [
        HoldType.Deceased,
        HoldType.BreathingSpace,
        HoldType.MentalHealthCrisis,
        HoldType.CeaseCommunication,
        HoldType.Dispute,
        HoldType.Bankruptcy,
    ];

    /// <summary>Whether a hold of <paramref name="kind"/> stops <paramref name="step"/>.</summary>
    public static bool Stops(HoldType kind, CollectionStep step) =>
        step != CollectionStep.VoluntaryPayment && Stopping.Contains(kind);

    /// <summary>The block a hold of <paramref name="kind"/> puts on <paramref name="step"/> for a customer in the UK or elsewhere (US rules), or null.</summary>
    public static CollectionBlock? Block(HoldType kind, CollectionStep step, bool uk)
    {
        if (!Stops(kind, step))
        {
            return null;
        }

        return kind switch
        {
            HoldType.Dispute => uk
                ? new("dispute", "Dispute", "UK-CONC-DISPUTE", "The customer disputes the debt. Recovery pauses while the dispute is investigated: no offers, plans or requests for payment until it is resolved and the hold is ended.", null)
                : new("dispute", "Dispute", "US-REGF-DISPUTE-PAUSE", "The customer disputes the debt. Collection pauses until the verification has been sent and the hold is ended: no offers, plans or requests for payment until then.", null),
            HoldType.BreathingSpace => new("breathing_space", "Breathing Space", "UK-BS-STANDARD-60D", "A Breathing Space moratorium is in force. No offers, plans or requests for payment until it ends; a payment the customer chooses to make is still accepted.", null),
            HoldType.MentalHealthCrisis => new("mental_health_crisis", "Mental health crisis Breathing Space", "UK-BS-MHCM", "A mental health crisis moratorium is in force, with no fixed end. No offers, plans or requests for payment; any contact is for the specialist support team.", "specialist support team"),
            HoldType.CeaseCommunication => uk
                ? new("cease_communication", "Stop contact", "PARLEY-HOLD-CEASE", "The customer asked us to stop contacting them about the debt. No offers, plans or requests for payment while the hold is on.", null)
                : new("cease_communication", "Stop contact", "US-REGF-CEASE", "The customer asked in writing for contact about the debt to stop. No offers, plans or requests for payment; only the notices the law allows.", null),
            HoldType.Deceased => uk
                ? new("deceased", "Deceased", "PARLEY-HOLD-DECEASED", "The customer has died. No offers, plans or requests for payment; the bereavement team deals with the estate.", "bereavement team")
                : new("deceased", "Deceased", "US-REGF-DECEASED", "The customer has died. No offers, plans or requests for payment; the estates team deals only with the person authorised to act for the estate.", "estates team"),
            HoldType.Bankruptcy => new("bankruptcy", "Bankruptcy", "PARLEY-HOLD-BANKRUPTCY", "The customer is in bankruptcy. Collection stops; the insolvency team deals with the trustee or official receiver.", "insolvency team"),
            HoldType.Hardship or HoldType.Complaint or HoldType.VulnerabilityReview or HoldType.AttorneyRepresented => null,
        };
    }
}
