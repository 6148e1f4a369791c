using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Rules;

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

    /// <summary>The rules a region evaluates, in §0 order within each pack.</summary>
    public static IRule[] For(Region region) => region switch
    {
        Region.UnitedStates => Us,
        Region.UnitedKingdom => Uk,
        Region.EuropeanUnion => Eu,
    };
}
