using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.DecisionLog;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Scenarios;
using Parley.Modules.Compliance.Time;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Compliance.Eligibility;

/// <summary>
/// One channel's answer: allowed now or not, why (<see cref="Reason"/> the deciding one, <see cref="Reasons"/> every
/// failing rule's), and when it next would be, in UTC and in the customer's time.
/// </summary>
public sealed record ChannelEligibility(
    string Channel,
    string? To,
    bool Allowed,
    string Decision,
    IReadOnlyList<string> RuleIds,
    string Reason,
    IReadOnlyList<RuleReason> Reasons,
    string? NextLawfulAtUtc,
    string? NextLawfulAtLocal,
    string Summary,
    string Explanation);

public sealed record ContactEligibilityResponse(AccountId AccountId, string At, string CustomerTimeZone, IReadOnlyList<ChannelEligibility> Channels, IReadOnlyList<string> Facts);

/// <summary>A decision about a stored account on one channel, with the facts it was built from.</summary>
public sealed record AccountDecision(Channel Channel, AccountProposal Built, ComplianceDecision Decision, string Reason)
{
    /// <summary>Its decision-log sequence, once appended.</summary>
    public long? LoggedAs { get; init; }
}

public sealed record ComplianceAccountNotFound(AccountId AccountId)
    : DomainError("compliance.account_not_found", $"Account {AccountId} does not exist.", ErrorKind.NotFound);

/// <summary>
/// Whether an account's customer may be contacted now, per channel, from the stored account (the gate's facts are
/// built by <see cref="StoredAccountFacts"/> with the contact history read through <see cref="IContactHistoryFacts"/>).
/// Every evaluation is appended to the decision log. Where a rule needs a fact Parley does not have (no history could
/// be read) or a hold has no catalogue rule, the answer is "a person decides", never "allowed because unknown".
/// </summary>
public sealed class ContactEligibility(IContactProfiles profiles, ComplianceGate gate, DecisionLogStore log, IAccountCreditors accounts, IClock clock, IContactHistoryFacts? history = null, ICustomerContactPreferences? preferences = null)
{
    public static readonly IReadOnlyList<Channel> Channels = [Channel.Call, Channel.Sms, Channel.Email, Channel.Letter];

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}/contact-eligibility", async Task<Ok<ContactEligibilityResponse>> (AccountId id, string? at, ClaimsPrincipal user, ContactEligibility handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), id, at is null ? null : ParseInstant(at), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetContactEligibility")
            .WithSummary("Per channel: whether the customer may be contacted at the instant (default now), why, and the next lawful instant in UTC and in the customer's time.");

    public static Instant ParseInstant(string text) => ContactChannels.ParseInstant(text);

    /// <summary>The endpoint's answer, for a member of staff who works for the account's creditor.</summary>
    public async Task<ContactEligibilityResponse> HandleAsync(Actor actor, AccountId accountId, Instant? at, CancellationToken cancellationToken)
    {
        await GuardAsync(actor, accountId, cancellationToken);
        return await HandleAsync(accountId, at, cancellationToken);
    }

    /// <summary>
    /// Any member of staff, or Parley itself (the operator's CLI), on an account of a creditor they work for; an account
    /// outside their scope answers as one that does not exist.
    /// </summary>
    internal async Task GuardAsync(Actor actor, AccountId accountId, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("check whether a customer may be contacted", [], allowSystem: true);
        await actor.MustSeeAccountAsync(accounts, accountId, new ComplianceAccountNotFound(accountId), cancellationToken);
    }

    /// <summary>The channels eligibility is reported for, by the names the scenario format uses.</summary>
    public static bool TryParseChannel(string? text, out Channel channel)
    {
        channel = Channels.FirstOrDefault(c => string.Equals(Rules.Channels.ChannelName(c), text?.Trim(), StringComparison.OrdinalIgnoreCase), Channel.Action);
        return channel != Channel.Action;
    }

    public async Task<ContactEligibilityResponse> HandleAsync(AccountId accountId, Instant? at, CancellationToken cancellationToken)
    {
        var when = at ?? clock.GetCurrentInstant();
        var profile = await profiles.GetAsync(accountId, when, cancellationToken) ?? throw new DomainException(new ComplianceAccountNotFound(accountId));
        var contacts = await HistoryAsync(accountId, when, cancellationToken);
        var wishes = preferences is null ? null : await preferences.GetAsync(accountId, cancellationToken);
        var decisions = Channels.Select(c => Decide(gate, profile, c, when, contacts, wishes)).ToList();
        await log.AppendAsync([.. decisions.Select(ToLog)], cancellationToken);
        var zone = decisions[0].Built.CustomerZone;
        return new ContactEligibilityResponse(
            accountId,
            ScenarioEvaluation.FormatInstant(when),
            zone.Id,
            [.. decisions.Select(d => Describe(d, when))],
            decisions[0].Built.FactNotes.Where(n => !n.StartsWith("to: ", StringComparison.Ordinal)).ToList());
    }

    /// <summary>One channel, as <c>parley compliance explain</c> prints it.</summary>
    public async Task<AccountDecision> ExplainAsync(AccountId accountId, Channel channel, Instant at, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(accountId, at, cancellationToken) ?? throw new DomainException(new ComplianceAccountNotFound(accountId));
        var wishes = preferences is null ? null : await preferences.GetAsync(accountId, cancellationToken);
        var decision = Decide(gate, profile, channel, at, await HistoryAsync(accountId, at, cancellationToken), wishes);
        var logged = await log.AppendAsync([ToLog(decision)], cancellationToken);
        return decision with { LoggedAs = logged[0].Sequence };
    }

    /// <summary>The customer's contacts around the instant, or null when no module records them (the rules that count cannot be confirmed).</summary>
    private async Task<ContactHistoryFacts?> HistoryAsync(AccountId accountId, Instant at, CancellationToken cancellationToken) =>
        history is null ? null : await history.GetAsync(accountId, at - StoredAccountFacts.HistoryReach, at + StoredAccountFacts.HistoryReach, cancellationToken);

    public static AccountDecision Decide(ComplianceGate gate, ContactProfile profile, Channel channel, Instant at, ContactHistoryFacts? history = null, CustomerContactWishes? wishes = null) =>
        Decide(gate, profile, channel, at, history, wishes, phoneZones: null, explainAllowed: true);

    /// <summary>
    /// The same decision for a planner: the phone numbers' zones from a run's cache, and (without
    /// <paramref name="explainAllowed"/>) an allowed decision's explanation without the rules' and facts' prose;
    /// refusals, the verdict, the rule ids and the facts digest are the same.
    /// </summary>
    public static AccountDecision Decide(ComplianceGate gate, ContactProfile profile, Channel channel, Instant at, ContactHistoryFacts? history, CustomerContactWishes? wishes, PhoneZoneCache? phoneZones, bool explainAllowed) =>
        WithWishes(DecideByRules(gate, profile, channel, at, history, wishes, phoneZones, explainAllowed), wishes, at, history);

    /// <summary>
    /// Preferences beat strategy: a pause the customer asked for stops every channel until it ends, and an opt-out stops
    /// its channel where no catalogue rule already does (outside Reg F: UK GDPR Art. 21 and PECR reg. 22 for electronic mail).
    /// </summary>
    private static AccountDecision WithWishes(AccountDecision d, CustomerContactWishes? wishes, Instant at, ContactHistoryFacts? history)
    {
        if (wishes is null)
        {
            return d;
        }

        if (wishes.PausedUntil is { } until && until > at)
        {
            var reason = $"the customer asked for no contact until {until.InZone(d.Built.CustomerZone).Date:d MMM yyyy}";
            return d with
            {
                Decision = d.Decision with { Verdict = Verdict.Deny, DecidingRuleIds = [], NextLawfulAt = until, Explanation = $"Denied: {reason} (their preference; no notice the law requires is proposed).{FactsText(d.Built)}" },
                Reason = reason,
            };
        }

        if (d.Decision.Verdict is Verdict.Deny or Verdict.DenyAndRequireValidationNotice)
        {
            return d;
        }

        if (wishes.OptOuts.FirstOrDefault(o => o.At <= at && Record(o.Channel) == d.Channel) is not { } optOut)
        {
            return WithinBudget(d, wishes.CreditorBudget, at, history);
        }

        var words = $"the customer opted out of {Rules.Channels.MediumName(d.Channel)} ({optOut.Evidence})";
        return d with
        {
            Decision = d.Decision with { Verdict = Verdict.Deny, DecidingRuleIds = [], NextLawfulAt = null, Explanation = $"Denied: {words}; Reg F §1006.6(e) and §1006.14(h), UK GDPR Art. 21 and PECR reg. 22.{FactsText(d.Built)}" },
            Reason = words,
        };
    }

    /// <summary>
    /// The creditor's budget narrows the law's caps: once the customer has had as many outbound contacts on this channel
    /// in the last 7 days as the creditor allows, the next waits until the oldest of them is 7 days old. Unconnected
    /// calls do not count (as in Reg F); contacts the customer started never do.
    /// </summary>
    private static AccountDecision WithinBudget(AccountDecision d, ContactBudget? budget, Instant at, ContactHistoryFacts? history)
    {
        var channel = d.Channel switch
        {
            Channel.Call => ContactChannel.Call,
            Channel.Sms => ContactChannel.Sms,
            Channel.Email => ContactChannel.Email,
            _ => ContactChannel.Letter,
        };
        if (budget?.For(channel) is not { } limit || history is null)
        {
            return d;
        }

        var week = Duration.FromDays(7);
        var counted = history.Contacts
            .Where(c => !c.Inbound && c.Channel == channel && c.At <= at && c.At > at - week && c.Result != PastContactResult.NotConnected)
            .Select(c => c.At).Order().ToList();
        if (counted.Count < limit)
        {
            return d;
        }

        var next = counted[counted.Count - limit] + week;
        var words = $"the creditor's contact policy allows {limit} {Rules.Channels.MediumName(d.Channel)} in any 7 days and {counted.Count} were made since {counted[0].InZone(d.Built.CustomerZone).Date:d MMM yyyy}";
        return d with
        {
            Decision = d.Decision with { Verdict = Verdict.Deny, DecidingRuleIds = [], NextLawfulAt = next, Explanation = $"Denied: {words} (the creditor's policy, below the legal caps). Facts: {string.Join("; ", d.Built.FactNotes)}." },
            Reason = words,
        };
    }

    private static Channel Record(ContactChannel channel) => channel switch
    {
        ContactChannel.Call => Channel.Call,
        ContactChannel.Sms => Channel.Sms,
        ContactChannel.Email => Channel.Email,
        ContactChannel.Letter => Channel.Letter,
    };

    /// <summary>The facts' notes as an explanation ends with them (built only for a decision that is explained).</summary>
    private static string FactsText(AccountProposal built) => $" Facts: {string.Join("; ", built.FactNotes)}.";

    private static AccountDecision DecideByRules(ComplianceGate gate, ContactProfile profile, Channel channel, Instant at, ContactHistoryFacts? history, CustomerContactWishes? wishes, PhoneZoneCache? phoneZones, bool explainAllowed)
    {
        var built = StoredAccountFacts.Build(profile, channel, at, gate.Options, history, wishes, phoneZones);
        if (built.Proposal.To is null)
        {
            var needed = channel switch
            {
                Channel.Call => "phone number",
                Channel.Sms => "mobile number",
                Channel.Email => "e-mail address",
                Channel.Letter or Channel.SocialMedia or Channel.Action => "postal address",
            };
            var missing = new ComplianceDecision(Verdict.Deny, [], $"Denied: no {needed} on file.{FactsText(built)}", [], null, [$"customer {needed}"]);
            return new AccountDecision(channel, built, missing, $"no {needed} on file");
        }

        var decision = gate.Evaluate(built.Proposal, built.Facts, explainAllowed);
        if (decision.Verdict != Verdict.Allow)
        {
            return new AccountDecision(channel, built, decision with { Explanation = decision.Explanation + FactsText(built) }, FirstReason(decision));
        }

        if (profile.ActiveHolds.Count > 0)
        {
            var holds = string.Join(", ", profile.ActiveHolds.Select(h => HoldWords(h.Kind)).Distinct());
            var reason = $"collection is paused by a hold ({holds}) that no catalogue rule settles for this contact";
            return new AccountDecision(channel, built, decision with
            {
                Verdict = Verdict.RouteToHuman,
                DecidingRuleIds = [],
                Explanation = $"Route to a person: {reason}.{FactsText(built)}",
            }, reason);
        }

        // Without a history the frequency rules passed only because it is empty: they cannot be confirmed.
        List<string> counting = history is not null ? [] : decision.Evaluated.Where(e => e.Stage == RuleStage.Frequency && e.Result.Outcome == RuleOutcome.Pass).Select(e => e.RuleId).ToList();
        if (counting.Count > 0)
        {
            var reason = "contact history is not available, so the contact-frequency rules cannot be confirmed";
            return new AccountDecision(channel, built, decision with
            {
                Verdict = Verdict.RouteToHuman,
                DecidingRuleIds = counting,
                Reasons = [.. decision.Evaluated.Where(e => counting.Contains(e.RuleId)).Select(e => e with { Result = RuleResult.Missing("contact_history", UpperFirst(reason) + ".", RuleOutcome.Route) })],
                MissingFacts = ["contact_history"],
                Explanation = $"Route to a person: {reason} ({string.Join(", ", counting)}). Missing fact(s): contact_history.{FactsText(built)}",
            }, reason);
        }

        return new AccountDecision(channel, built, explainAllowed ? decision with { Explanation = decision.Explanation + FactsText(built) } : decision, "every applicable rule is satisfied");
    }

    public static DecisionToLog ToLog(AccountDecision d) =>
        new($"account {d.Built.Proposal.DebtId} {Label(d.Channel).ToLowerInvariant()}", d.Built.Proposal, d.Built.FactsDigest, d.Decision);

    public static ChannelEligibility Describe(AccountDecision d, Instant at)
    {
        var decision = d.Decision;
        var zone = d.Built.CustomerZone;
        var local = decision.NextLawfulAt?.InZone(zone);
        var localWords = local is { } l
            ? l.LocalDateTime.ToString(l.Date <= at.InZone(zone).Date.PlusDays(6) ? "ddd HH:mm" : "ddd d MMM HH:mm", CultureInfo.InvariantCulture)
            : null;
        var summary = decision.Verdict switch
        {
            Verdict.Allow => $"{Label(d.Channel)}: allowed now",
            Verdict.RouteToHuman => $"{Label(d.Channel)}: a person must decide — {d.Reason}",
            Verdict.Deny or Verdict.DenyAndRequireValidationNotice when localWords is not null =>
                $"{Label(d.Channel)}: not now — {d.Reason}; next lawful {localWords} (customer's time)",
            Verdict.Deny or Verdict.DenyAndRequireValidationNotice => $"{Label(d.Channel)}: not allowed — {d.Reason}",
        };
        return new ChannelEligibility(
            Rules.Channels.ChannelName(d.Channel),
            d.Built.Proposal.To?.ToString(),
            decision.Allowed,
            ScenarioEvaluation.DecisionName(decision.Verdict),
            decision.DecidingRuleIds,
            d.Reason,
            [.. decision.Reasons.Select(r => new RuleReason(r.RuleId, OutcomeName(r.Result.Outcome), r.Result.Reason))],
            decision.NextLawfulAt is { } next ? ScenarioEvaluation.FormatInstant(next) : null,
            local?.ToOffsetDateTime().ToString("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>", CultureInfo.InvariantCulture),
            summary,
            decision.Explanation);
    }

    private static string FirstReason(ComplianceDecision decision) =>
        LowerFirst((decision.Reasons.Count > 0 ? decision.Reasons[0].Result.Reason : decision.Explanation).TrimEnd('.'));

    private static string OutcomeName(RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Route => ScenarioEvaluation.DecisionName(Verdict.RouteToHuman),
        RuleOutcome.DenyAndRequireValidationNotice => ScenarioEvaluation.DecisionName(Verdict.DenyAndRequireValidationNotice),
        _ => ScenarioEvaluation.DecisionName(Verdict.Deny),
    };

    // The reason is read by staff: the hold in words, not its enum name.
    private static string HoldWords(HoldType kind) => kind switch
    {
        HoldType.Dispute => "dispute",
        HoldType.BreathingSpace => "breathing space",
        HoldType.MentalHealthCrisis => "mental health crisis",
        HoldType.Hardship => "financial hardship",
        HoldType.Complaint => "open complaint",
        HoldType.VulnerabilityReview => "vulnerability review",
        HoldType.CeaseCommunication => "asked for no more contact",
        HoldType.Deceased => "customer has died",
        HoldType.Bankruptcy => "bankruptcy or insolvency",
        HoldType.AttorneyRepresented => "represented by an attorney",
    };

    private static string UpperFirst(string text) => text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    private static string LowerFirst(string text) => text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static string Label(Channel channel) => channel switch
    {
        Channel.Call => "Call",
        Channel.Sms => "SMS",
        Channel.Email => "E-mail",
        Channel.Letter => "Letter",
        Channel.SocialMedia => "Social media",
        Channel.Action => "Action",
    };
}
