namespace Parley.Modules.Care.Contracts;

/// <summary>What a customer's words can show. Every label has a stable code (<see cref="CareLabels.Code"/>) used in data files, model files and JSON.</summary>
public enum CareLabel
{
    // Legally material intents; the first five are the kinds of dispute.
    NotMine,
    AlreadyPaid,
    WrongAmount,
    IdentityTheft,
    AsksForValidation,
    CeaseCommunication,
    Attorney,
    Bankruptcy,
    Deceased,
    Complaint,
    AsksForPerson,
    RefusesToPay,

    // Vulnerability by the FCA's four drivers (FG21/1).
    HealthPhysical,
    HealthMental,
    Bereavement,
    JobLoss,
    Separation,
    Caring,
    LowOrErraticIncome,
    OverIndebted,
    Language,
    Literacy,
    Digital,

    // Summary signals.
    Dispute,
    Distress,
    Crisis,
}

/// <summary>Which of the FCA's four drivers a vulnerability label belongs to.</summary>
public enum VulnerabilityDriver
{
    Health,
    LifeEvents,
    Resilience,
    Capability,
}

/// <summary>The catalogue of labels: codes, groups and which the rules must never miss.</summary>
public static class CareLabels
{
    public static IReadOnlyList<CareLabel> All { get; } = Enum.GetValues<CareLabel>();

    public static IReadOnlyList<CareLabel> DisputeKinds { get; } =
        [CareLabel.NotMine, CareLabel.AlreadyPaid, CareLabel.WrongAmount, CareLabel.IdentityTheft, CareLabel.AsksForValidation];

    public static IReadOnlyList<CareLabel> Intents { get; } = [.. All.Where(l => l <= CareLabel.RefusesToPay)];

    public static IReadOnlyList<CareLabel> Vulnerabilities { get; } = [.. All.Where(l => l is >= CareLabel.HealthPhysical and <= CareLabel.Digital)];

    public static string Code(CareLabel label) => label switch
    {
        CareLabel.NotMine => "not-mine",
        CareLabel.AlreadyPaid => "already-paid",
        CareLabel.WrongAmount => "wrong-amount",
        CareLabel.IdentityTheft => "identity-theft",
        CareLabel.AsksForValidation => "asks-for-validation",
        CareLabel.CeaseCommunication => "cease-communication",
        CareLabel.Attorney => "attorney",
        CareLabel.Bankruptcy => "bankruptcy",
        CareLabel.Deceased => "deceased",
        CareLabel.Complaint => "complaint",
        CareLabel.AsksForPerson => "asks-for-person",
        CareLabel.RefusesToPay => "refuses-to-pay",
        CareLabel.HealthPhysical => "health-physical",
        CareLabel.HealthMental => "health-mental",
        CareLabel.Bereavement => "bereavement",
        CareLabel.JobLoss => "job-loss",
        CareLabel.Separation => "separation",
        CareLabel.Caring => "carer",
        CareLabel.LowOrErraticIncome => "low-or-erratic-income",
        CareLabel.OverIndebted => "over-indebted",
        CareLabel.Language => "language",
        CareLabel.Literacy => "literacy",
        CareLabel.Digital => "digital",
        CareLabel.Dispute => "dispute",
        CareLabel.Distress => "distress",
        CareLabel.Crisis => "crisis",
    };

    public static bool TryParse(string code, out CareLabel label)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Code(candidate), code, StringComparison.Ordinal))
            {
                label = candidate;
                return true;
            }
        }

        label = default;
        return false;
    }

    public static VulnerabilityDriver? DriverOf(CareLabel label) => label switch
    {
        CareLabel.HealthPhysical or CareLabel.HealthMental => VulnerabilityDriver.Health,
        CareLabel.Bereavement or CareLabel.JobLoss or CareLabel.Separation or CareLabel.Caring => VulnerabilityDriver.LifeEvents,
        CareLabel.LowOrErraticIncome or CareLabel.OverIndebted => VulnerabilityDriver.Resilience,
        CareLabel.Language or CareLabel.Literacy or CareLabel.Digital => VulnerabilityDriver.Capability,
        _ => null,
    };

    /// <summary>The labels rules are the floor for: the law (or a life) does not allow a model to miss them.</summary>
    public static bool IsRuleFloor(CareLabel label) => label <= CareLabel.RefusesToPay || label == CareLabel.Crisis;

    /// <summary>The 28 GoEmotions labels in the order of the dataset's labels.txt (27 emotions and neutral).</summary>
    public static IReadOnlyList<string> Emotions { get; } =
    [
        "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion", "curiosity", "desire",
        "disappointment", "disapproval", "disgust", "embarrassment", "excitement", "fear", "gratitude", "grief", "joy",
        "love", "nervousness", "optimism", "pride", "realization", "relief", "remorse", "sadness", "surprise", "neutral",
    ];

    /// <summary>
    /// The emotions that tell of distress: sadness, grief, fear and nervousness. Care's distress head learns from GoEmotions
    /// comments carrying them, and in a reading's tone they are special-category like distress itself. Anger,
    /// disappointment, remorse and embarrassment are not among them: on Reddit they are mostly annoyance and regret.
    /// </summary>
    public static IReadOnlyList<string> DistressEmotions { get; } = ["sadness", "grief", "fear", "nervousness"];
}
