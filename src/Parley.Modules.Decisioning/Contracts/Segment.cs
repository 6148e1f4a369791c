namespace Parley.Modules.Decisioning.Contracts;

/// <summary>The ability × willingness quadrants, each named after its treatment intent.</summary>
public enum Segment
{
    /// <summary>Able and willing: a self-cure reminder is enough.</summary>
    SelfCureReminder,

    /// <summary>Willing but not able: a supportive, affordable plan.</summary>
    SupportivePlan,

    /// <summary>Able but not willing: firm but lawful collection.</summary>
    FirmButLawful,

    /// <summary>Neither able nor willing: a human agent, with debt-advice signposting.</summary>
    HumanWithDebtAdvice,
}
