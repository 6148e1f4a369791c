using Parley.Modules.Decisioning.Training.Uci;

namespace Parley.Modules.Decisioning.Training.Fairness;

/// <summary>A sensitive attribute the audit groups by, and how a row's codes map to a readable group name.</summary>
public sealed record SensitiveAttribute(string Name, IReadOnlyList<string> Groups, Func<SensitiveAttributes, string> GroupOf);

/// <summary>
/// The UCI codes mapped to readable groups (codes from the dataset's README). Documented codes keep their name; the
/// "others" codes and the undocumented ones (education 0, 5, 6; marriage 0; sex other than 1 and 2) become
/// "other/unknown". Age bands: under 25, 25–34, 35–44, 45–54, 55 and over — ten-year bands from the usual
/// adult-credit age split, with under 25 kept apart: the youngest borrowers, with the shortest credit histories.
/// </summary>
public static class SensitiveGroups
{
    public const string OtherOrUnknown = "other/unknown";

    public static SensitiveAttribute Sex { get; } = new("sex", ["male", "female", OtherOrUnknown], s => s.Sex switch
    {
        1 => "male",
        2 => "female",
        _ => OtherOrUnknown,
    });

    public static SensitiveAttribute AgeBand { get; } = new("age band", ["under 25", "25-34", "35-44", "45-54", "55 and over"], s => s.Age switch
    {
        < 25 => "under 25",
        < 35 => "25-34",
        < 45 => "35-44",
        < 55 => "45-54",
        _ => "55 and over",
    });

    public static SensitiveAttribute Education { get; } = new("education", ["graduate school", "university", "high school", OtherOrUnknown], s => s.Education switch
    {
        1 => "graduate school",
        2 => "university",
        3 => "high school",
        _ => OtherOrUnknown,
    });

    public static SensitiveAttribute MaritalStatus { get; } = new("marital status", ["married", "single", OtherOrUnknown], s => s.Marriage switch
    {
        1 => "married",
        2 => "single",
        _ => OtherOrUnknown,
    });

    public static IReadOnlyList<SensitiveAttribute> All { get; } = [Sex, AgeBand, Education, MaritalStatus];
}
