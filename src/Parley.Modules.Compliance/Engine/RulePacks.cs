using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Rules;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Engine;

/// <summary>Rule packs by jurisdiction. Rules are stateless singletons; each also checks its own state or city scope.</summary>
public static class RulePacks
{
    public static readonly IReadOnlyList<IRule> UsFederal =
    [
        new FdcpaScope(), new RegFAttorney(), new RegFCease(), new RegFDisputePause(), new RegFOriginalCreditorPause(), new RegFDeceased(),
        new RegFMediumOptOut(), new RegFEmailProcedures(), new RegFSmsProcedures(), new RegFWorkEmail(), new RegFSocialMedia(),
        new RegFMiniMiranda(), new RegFElectronicOptOutNotice(), new RegFLimitedContentMessage(), new RegFThirdParty(), new RegFTimeBarred(),
        new RegFOvershadow(), new RegFValidationTiming(), new RegFValidationContent(), new RegFValidationPeriod(), new RegFPassiveCollection(),
        new RegFTime8To9(), new RegFTimeMultiZone(), new RegFTimeDesignated(), new RegFTimeExceptions(), new RegFPlace(), new RegFWorkplace(),
        new RegFCallFrequency7In7(), new RegFCallFrequencyPostConversation(), new RegFCallFrequencyExclusions(), new RegFCallFrequencyMultiDebt(),
        new RegFHarassmentGeneral(), new RegFRecords(),
    ];

    public static readonly IReadOnlyList<IRule> Tcpa =
    [
        new TcpaAutodialConsent(), new TcpaRevocation(), new TcpaReassigned(), new TcpaPrerecordedLandline3In30(), new TcpaQuietHoursScope(),
    ];

    public static readonly IReadOnlyList<IRule> UsStateAndCity =
    [
        new MaCallFrequency2In7(), new MaWorkplaceRequest(), new MaTime(), new NycFrequency3In7(), new NycElectronicConsent(), new NyDfsEmailConsent(),
        new NyTimeBarredDisclosure(), new CaRosenthalScope(), new CaTimeBarred(), new WaFrequency3PerWeek(),
    ];

    public static readonly IReadOnlyList<IRule> UsFairLendingAndPrivacy = [new EcoaRegBCollections(), new FairnessFourFifths(), new CcpaAccessDelete()];

    public static readonly IReadOnlyList<IRule> UnitedKingdom =
    [
        new UkBreathingSpaceStandard(), new UkBreathingSpaceMentalHealthCrisis(), new UkBreathingSpaceNoContact(), new UkBreathingSpaceFreeze(),
        new UkBreathingSpaceNoEnforcement(), new UkConcMentalCapacity(), new UkFg21Vulnerability(), new UkConcDispute(), new UkConcThirdParty(),
        new UkConcStatuteBarred(), new UkConcForbearance(), new UkConcNoPressure(), new UkConcNegotiate(), new UkSfsIncomeExpenditure(),
        new UkDutyCrossCutting(), new UkDutyOutcomes(), new UkConcContactTimes(), new UkConcPolicies(),
    ];

    public static readonly IReadOnlyList<IRule> DataProtection =
    [
        new EuGdprArticle22(), new UkGdprArticle22AToD(), new GdprArticle15(), new GdprArticle17(), new GdprArticle21(), new EuAiActAnnexIii5b(),
    ];

    private static readonly IRule[] Us = [.. UsFederal, .. Tcpa, .. UsStateAndCity, .. UsFairLendingAndPrivacy];

    private static readonly IRule[] Uk = [.. UnitedKingdom, .. DataProtection];

    private static readonly IRule[] Eu = [.. DataProtection];

    /// <summary>Every rule of every pack, once.</summary>
    public static IReadOnlyList<IRule> All { get; } = [.. Us, .. Uk.Where(r => !Us.Contains(r)), .. Eu.Where(r => !Us.Contains(r) && !Uk.Contains(r))];

    private static readonly RuleHeader[] UsHeaders = Headers(Us);

    private static readonly RuleHeader[] UkHeaders = Headers(Uk);

    private static readonly RuleHeader[] EuHeaders = Headers(Eu);

    // Typed as the abstract class so the gate's call is a virtual call, not an interface dispatch over ~50 targets at one site.
    private static readonly Rule[] UsRules = Compile(Us);

    private static readonly Rule[] UkRules = Compile(Uk);

    private static readonly Rule[] EuRules = Compile(Eu);

    /// <summary>The rules a region evaluates, in §0 order within each pack.</summary>
    public static IRule[] For(Region region) => region switch
    {
        Region.UnitedStates => Us,
        Region.UnitedKingdom => Uk,
        Region.EuropeanUnion => Eu,
    };

    /// <summary>The same rules as <see cref="For"/>, as <see cref="Rule"/>s (every built-in rule derives from it).</summary>
    internal static Rule[] RulesFor(Region region) => region switch
    {
        Region.UnitedStates => UsRules,
        Region.UnitedKingdom => UkRules,
        Region.EuropeanUnion => EuRules,
    };

    /// <summary>Id, version and stage of each rule of <see cref="For"/>, read once rather than through three virtual calls per rule per evaluation.</summary>
    internal static RuleHeader[] HeadersFor(Region region) => region switch
    {
        Region.UnitedStates => UsHeaders,
        Region.UnitedKingdom => UkHeaders,
        Region.EuropeanUnion => EuHeaders,
    };

    private static Rule[] Compile(IRule[] rules) => [.. rules.Select(r => r as Rule ?? throw new InvalidOperationException($"{r.Id} must derive from Rule."))];

    private static RuleHeader[] Headers(IRule[] rules) => [.. rules.Select(r => new RuleHeader(r.Id, r.Version, r.Stage))];
}

internal readonly record struct RuleHeader(string Id, string Version, RuleStage Stage);
