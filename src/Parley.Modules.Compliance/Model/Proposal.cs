using NodaTime;

using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Compliance.Model;

/// <summary>The kind part of a <c>kind:value</c> address.</summary>
public enum AddressKind
{
    Mobile,
    Landline,
    Work,
    Sms,
    Email,
    Voip,
    Postal,
}

/// <summary>A non-contact collection action gated like a contact.</summary>
public enum CollectionAction
{
    None,
    CreditReportFurnish,
    ApplyInterestAndFees,
    IssueCourtClaim,
    RejectRepaymentProposal,
    AutomatedLitigationReferral,
    AutomatedDefaultAndDebtSale,
    AcceptPayment,
    DeployModel,
}

/// <summary>An address such as <c>mobile:+12155550100</c> or <c>email:a@b.example</c>.</summary>
public readonly record struct ContactAddress(AddressKind Kind, string Value)
{
    /// <summary>Phone kinds: the address is an E.164 number.</summary>
    public bool IsPhone => Kind is AddressKind.Mobile or AddressKind.Landline or AddressKind.Work or AddressKind.Sms or AddressKind.Voip;

    /// <summary>Two addresses name the same endpoint when their values match (an <c>sms:</c> and a <c>mobile:</c> address of one number).</summary>
    public bool SameEndpoint(ContactAddress other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public static bool TryParse(string? text, out ContactAddress address)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        AddressKind? kind = text[..colon].Trim().ToUpperInvariant() switch
        {
            "MOBILE" => AddressKind.Mobile,
            "LANDLINE" => AddressKind.Landline,
            "WORK" => AddressKind.Work,
            "SMS" => AddressKind.Sms,
            "EMAIL" => AddressKind.Email,
            "VOIP" => AddressKind.Voip,
            "POSTAL" => AddressKind.Postal,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        address = new ContactAddress(kind.Value, text[(colon + 1)..].Trim());
        return true;
    }

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Value}";
}

/// <summary>
/// Structured facts about what a message or action says and how it is made (set by templates and dialler
/// configuration). A null means "not stated"; rules that need a fact treat null as missing, never as a yes.
/// </summary>
public sealed record ContentFacts
{
    public static readonly ContentFacts None = new();

    public CollectionAction ActionType { get; init; }

    public bool? IncludesMiniMiranda { get; init; }

    public bool? IncludesOptOutNotice { get; init; }

    public bool? IncludesOptOutMechanism { get; init; }

    public bool? IsInitialCommunication { get; init; }

    public bool? IsValidationNotice { get; init; }

    public bool? UsesModelFormB1 { get; init; }

    public bool? ValidationPeriodEndDateComputed { get; init; }

    public bool? IsVerificationResponse { get; init; }

    public bool? IsLimitedContentMessage { get; init; }

    /// <summary><c>limited_content</c> or <c>extended</c>; null when no voicemail is scripted.</summary>
    public string? VoicemailScript { get; init; }

    public bool? IsOptOutConfirmation { get; init; }

    public bool? RespondsToConsumerInitiated { get; init; }

    public int? ResponseCountForThisInbound { get; init; }

    public bool? PursuantToPriorConsent { get; init; }

    public bool? RequestsPayment { get; init; }

    public bool? DemandFullBalance { get; init; }

    public int? PaymentDeadlineDays { get; init; }

    public bool? DeadlinePrecedesValidationPeriodEnd { get; init; }

    public bool? ThreatensSuit { get; init; }

    public bool? WarnsDefaultAndFees { get; init; }

    public bool? IncludesCaTimeBarredNotice { get; init; }

    public bool? NySolDisclosureGivenInSameMedium { get; init; }

    public bool? MentionsDebtOrCreditor { get; init; }

    public bool? IncludesCollectionContent { get; init; }

    public bool? EnvelopeRevealsDebt { get; init; }

    /// <summary>e.g. <c>public</c> for a social-media post.</summary>
    public string? Visibility { get; init; }

    /// <summary>Who the message is addressed to when not the consumer, e.g. <c>personal_representative</c>.</summary>
    public string? AddresseeRole { get; init; }

    /// <summary>Which 1006.6(c) exception a message after a cease request uses, e.g. <c>advise_efforts_terminated</c>.</summary>
    public string? CeaseException { get; init; }

    public bool? UsesPrerecordedVoice { get; init; }

    public string? Medium { get; init; }

    public bool? OffersForbearanceOptions { get; init; }

    public bool? SignpostsFreeDebtAdvice { get; init; }

    public string? Purpose { get; init; }

    public string? Reason { get; init; }

    public bool? Automated { get; init; }

    public bool? AutomatedBatch { get; init; }

    public bool? SolelyAutomated { get; init; }

    public bool? HumanReview { get; init; }

    public AutomatedDecisionSafeguards? Safeguards { get; init; }

    public string? Model { get; init; }

    public decimal? ImpactRatio { get; init; }

    public string? ProtectedBasis { get; init; }

    public decimal? AdverseOutcomeRateProtected { get; init; }

    public decimal? AdverseOutcomeRateReference { get; init; }

    /// <summary>Prohibited bases (ECOA) the model or strategy uses as inputs, when stated.</summary>
    public IReadOnlyList<string> UsesProhibitedBases { get; init; } = [];

    public IReadOnlyList<string> WillDiscussDebtIds { get; init; } = [];

    /// <summary>Whether the collector knows the consumer is at a place they called inconvenient or unusual.</summary>
    public bool? AtInconvenientPlace { get; init; }

    /// <summary>Whether the dialled or texted number is known to be reassigned (FCC Reassigned Numbers Database).</summary>
    public bool? NumberReassigned { get; init; }

    /// <summary>Whether this is a location-information call to a third party (1006.10).</summary>
    public bool? IsLocationInquiry { get; init; }

    /// <summary>Whether the message neither names the debt or creditor nor asks for payment.</summary>
    public bool SaysNothingAboutDebt => MentionsDebtOrCreditor == false && IncludesCollectionContent != true && RequestsPayment != true;
}

/// <summary>Article 22 / 22A–D safeguards offered with an automated decision.</summary>
public sealed record AutomatedDecisionSafeguards(bool? Informed, bool? Representations, bool? HumanIntervention, bool? Contest)
{
    public bool All => Informed == true && Representations == true && HumanIntervention == true && Contest == true;
}

/// <summary>What is proposed: a contact attempt, or a collection action when <see cref="Channel"/> is <see cref="Channel.Action"/>.</summary>
public sealed record Proposal(Channel Channel, Instant At, ContactAddress? To, string DebtId, ContentFacts Content)
{
    public CollectionAction Action => Channel == Channel.Action ? Content.ActionType : CollectionAction.None;

    public bool IsContact => Channel != Channel.Action;

    public bool IsElectronic => Channel is Channel.Sms or Channel.Email or Channel.SocialMedia;

    /// <summary>Whether this is a voicemail that keeps to the limited-content-message script (an attempt, not a communication).</summary>
    public bool IsLimitedContentVoicemail =>
        Channel == Channel.Call
        && (Content.IsLimitedContentMessage == true || string.Equals(Content.VoicemailScript, "limited_content", StringComparison.Ordinal))
        && Content.IncludesCollectionContent != true && Content.MentionsDebtOrCreditor != true && Content.RequestsPayment != true;
}
