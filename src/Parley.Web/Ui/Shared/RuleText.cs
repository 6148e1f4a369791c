namespace Parley.Web.Ui.Shared;

/// <summary>
/// What each compliance rule is about, in an agent's words: staff pages show the meaning first and the catalogue id as
/// a detail (see <c>RuleCode.razor</c>). Every rule of the catalogue has one (checked by a test).
/// </summary>
public static class RuleText
{
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["US-FDCPA-SCOPE"] = "The federal debt collection rules apply",
        ["US-REGF-TIME-8TO9"] = "Outside the customer's calling hours (8 a.m. to 9 p.m. their time)",
        ["US-REGF-TIME-MULTIZONE"] = "Outside calling hours in one of the customer's possible time zones",
        ["US-REGF-TIME-DESIGNATED"] = "A time the customer said is inconvenient",
        ["US-REGF-TIME-EXCEPTIONS"] = "Contact allowed outside the usual hours",
        ["US-REGF-PLACE"] = "A place the customer said is inconvenient",
        ["US-REGF-WORKPLACE"] = "The customer's employer does not allow these calls",
        ["US-REGF-WORK-EMAIL"] = "A work e-mail address given by the employer",
        ["US-REGF-ATTORNEY"] = "The customer has an attorney for this debt",
        ["US-REGF-CEASE"] = "The customer asked in writing to stop contact",
        ["US-REGF-THIRDPARTY"] = "Talking about the debt with someone other than the customer",
        ["US-REGF-LCM"] = "What a voicemail may say",
        ["US-REGF-CALLFREQ-7IN7"] = "No more than 7 calls in 7 days",
        ["US-REGF-CALLFREQ-POSTCONV"] = "No call for 7 days after speaking with the customer",
        ["US-REGF-CALLFREQ-EXCLUSIONS"] = "Calls that do not count towards the call limits",
        ["US-REGF-CALLFREQ-MULTIDEBT"] = "Call limits when the customer has several debts",
        ["US-REGF-HARASS-GENERAL"] = "Contact so frequent it would harass",
        ["US-REGF-MEDIUM-OPTOUT"] = "The customer asked not to be contacted this way",
        ["US-REGF-ELEC-OPTOUT-NOTICE"] = "Every e-mail or text must say how to opt out",
        ["US-REGF-EMAIL-PROCEDURES"] = "E-mail needs the safeguards against reaching someone else",
        ["US-REGF-SMS-PROCEDURES"] = "Texts need the safeguards against reaching someone else",
        ["US-REGF-SOCIAL-MEDIA"] = "No public social media messages",
        ["US-REGF-MINIMIRANDA"] = "Say this is a debt collector",
        ["US-REGF-VALIDATION-TIMING"] = "When the validation notice must be sent",
        ["US-REGF-VALIDATION-CONTENT"] = "What the validation notice must say",
        ["US-REGF-VALIDATION-PERIOD"] = "The customer's window to dispute the debt",
        ["US-REGF-OVERSHADOW"] = "Nothing may undermine the customer's right to dispute",
        ["US-REGF-DISPUTE-PAUSE"] = "Collection paused: the customer disputed the debt",
        ["US-REGF-ORIGCRED-PAUSE"] = "Collection paused: the customer asked who the original creditor is",
        ["US-REGF-TIMEBARRED"] = "The debt is too old to sue on",
        ["US-REGF-PASSIVE-COLLECTION"] = "Tell the customer before reporting to credit bureaus",
        ["US-REGF-DECEASED"] = "The customer has died",
        ["US-REGF-RECORDS"] = "Keep a record of every contact",
        ["US-TCPA-AUTODIAL-CONSENT"] = "Autodialled calls and texts to a mobile need consent",
        ["US-TCPA-REVOCATION"] = "The customer withdrew consent to automated calls or texts",
        ["US-TCPA-PRERECORDED-LANDLINE-3IN30"] = "Recorded messages to a home phone: at most 3 in 30 days",
        ["US-TCPA-QUIETHOURS-SCOPE"] = "Telemarketing calling hours do not apply to collection",
        ["US-TCPA-REASSIGNED"] = "The number may now belong to someone else",
        ["US-MA-CALLFREQ-2IN7"] = "Massachusetts: no more than 2 calls or texts in 7 days",
        ["US-MA-WORKPLACE-REQUEST"] = "Massachusetts: the customer asked for no calls at work",
        ["US-MA-TIME"] = "Massachusetts: outside the customer's calling hours (8 a.m. to 9 p.m.)",
        ["US-NYC-FREQ-3IN7"] = "New York City: no more than 3 contacts in 7 days",
        ["US-NYC-ECOMM-CONSENT"] = "New York City: e-mail and texts need the customer's written consent",
        ["US-NY-DFS-EMAIL-CONSENT"] = "New York: e-mail only to an address the customer gave",
        ["US-NY-TIMEBARRED-DISCLOSURE"] = "New York: tell the customer the debt is too old to sue on",
        ["US-CA-ROSENTHAL-SCOPE"] = "California's collection rules apply",
        ["US-CA-TIMEBARRED"] = "California: the debt is too old to sue on",
        ["US-WA-FREQ-3PERWEEK"] = "Washington: no more than 3 contacts a week",
        ["UK-CONC-FORBEARANCE"] = "Treat a customer in arrears with forbearance",
        ["UK-CONC-NO-PRESSURE"] = "Do not press for payments the customer cannot afford",
        ["UK-CONC-NEGOTIATE"] = "Negotiate when the customer proposes a plan",
        ["UK-CONC-POLICIES"] = "Collections follow the firm's written policies",
        ["UK-CONC-CONTACT-TIMES"] = "Outside reasonable hours (8 a.m. to 9 p.m., not Sundays or bank holidays)",
        ["UK-CONC-THIRDPARTY"] = "Others must not learn of the debt",
        ["UK-CONC-MENTAL-CAPACITY"] = "The customer may lack mental capacity",
        ["UK-CONC-DISPUTE"] = "Collection paused: the customer disputes the debt",
        ["UK-CONC-STATUTE-BARRED"] = "The debt is statute-barred",
        ["UK-FG21-VULNERABILITY"] = "The customer may be vulnerable",
        ["UK-DUTY-CROSSCUTTING"] = "Consumer Duty: act in good faith and avoid harm",
        ["UK-DUTY-OUTCOMES"] = "Consumer Duty: clear communication and support",
        ["UK-BS-STANDARD-60D"] = "Breathing Space: 60 days' protection",
        ["UK-BS-MHCM"] = "Mental health crisis breathing space",
        ["UK-BS-NO-CONTACT"] = "No contact during breathing space",
        ["UK-BS-FREEZE"] = "No interest or fees during breathing space",
        ["UK-BS-NO-ENFORCEMENT"] = "No enforcement during breathing space",
        ["UK-SFS-IE"] = "Affordability from an income and expenditure",
        ["EU-GDPR-ART22"] = "A person must review automated decisions",
        ["UK-GDPR-ART22A-D"] = "A person must review significant automated decisions",
        ["EU-GDPR-ART15"] = "The customer asked for their data",
        ["EU-GDPR-ART17"] = "The customer asked for their data to be deleted",
        ["EU-GDPR-ART21"] = "The customer objected to profiling",
        ["US-CCPA-ACCESS-DELETE"] = "California privacy request",
        ["US-ECOA-REGB-COLLECTIONS"] = "Collection must not discriminate",
        ["US-FAIRNESS-4-5THS"] = "A model must not disadvantage a group",
        ["EU-AIACT-ANNEXIII-5B"] = "Credit-scoring AI is high-risk",
    };

    /// <summary>Every rule id with a meaning.</summary>
    public static IReadOnlyCollection<string> Known => Meanings.Keys;

    /// <summary>The rule's meaning; an id the catalogue does not (yet) name reads as "Compliance rule" rather than as a bare code.</summary>
    public static string Meaning(string ruleId) => Meanings.GetValueOrDefault(ruleId, "Compliance rule");
}
