namespace Parley.Modules.Accounts.Contracts;

/// <summary>Every reason collection pauses, in one concept: the Accounts module's holds and the vocabulary other modules read them by.</summary>
public enum HoldType
{
    Dispute,
    BreathingSpace,
    MentalHealthCrisis,
    Hardship,
    Complaint,
    VulnerabilityReview,
    CeaseCommunication,
    Deceased,
    Bankruptcy,

    /// <summary>The customer is represented by an attorney about the debt: contact goes to the attorney, not the customer (FDCPA §1692c(a)(2)).</summary>
    AttorneyRepresented,
}
