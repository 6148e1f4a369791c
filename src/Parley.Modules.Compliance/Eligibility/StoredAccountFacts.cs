using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Time;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Eligibility;

/// <summary>A proposal about a stored account with the facts built for it, the notes that say where each fact came from, and the customer's own zone.</summary>
public sealed record AccountProposal(Proposal Proposal, ComplianceFacts Facts, IReadOnlyList<string> FactNotes, string FactsDigest, DateTimeZone CustomerZone);

public sealed record CustomerNotPlaced(AccountId AccountId)
    : DomainError("compliance.customer_not_placed", $"Account {AccountId}'s customer has no postal address or phone number that places them in a jurisdiction.", ErrorKind.Validation);

/// <summary>
/// Builds the gate's facts from an account's stored contact profile: jurisdiction and candidate zones from the
/// addresses and phones, consents and withheld consents per address, the holds active at the instant, and the
/// statute-of-limitations status, and the contact history the Outreach module recorded (through
/// <see cref="IContactHistoryFacts"/>); without one the history is unknown and the notes say so.
/// </summary>
public static class StoredAccountFacts
{
    /// <summary>What an explanation says when no history could be read, so nobody reads an allowed contact as "no contacts were made".</summary>
    public const string HistoryNote = "contact history: unknown — no record of past contacts was available, so rules that count past contacts cannot be confirmed";

    /// <summary>
    /// How far either side of the instant the gate reads history: the longest counting window is 30 local days (TCPA,
    /// Massachusetts' work numbers), plus a day either side for the customer's zones. Rules that ask about older
    /// contacts (e.g. a first written communication) see none, which errs towards more protection, not less.
    /// </summary>
    public static readonly Duration HistoryReach = Duration.FromDays(32);

    // New York City's five boroughs by ZIP prefix: the city's overlay (NYC rules) applies there.
    private static readonly FrozenSet<string> NycZip3 = new[] { "100", "101", "102", "103", "104", "111", "112", "113", "114", "116" }.ToFrozenSet(StringComparer.Ordinal);

    public static AccountProposal Build(ContactProfile profile, Channel channel, Instant at, ComplianceOptions options, ContactHistoryFacts? history = null, CustomerContactWishes? wishes = null, PhoneZoneCache? phoneZones = null)
    {
        var notes = new List<string>();
        profile = WithoutUndeliverable(profile, wishes, notes);
        var jurisdiction = Jurisdiction(profile, notes);
        var zones = Zones(profile, jurisdiction, options, notes, phoneZones);
        var customerZone = CustomerZone(profile, zones);
        var primary = profile.Addresses.Count > 0 ? profile.Addresses[0] : null;
        var to = Address(profile, channel);
        notes.Add(to is { } t ? $"to: {t}" : $"to: no address for {channel.ToString().ToLowerInvariant()}");

        var facts = new ComplianceFacts
        {
            Jurisdiction = jurisdiction,
            Zones = zones,
            State = jurisdiction.UsState,
            Postcode = primary?.PostalCode,
            NycResident = jurisdiction.InState("NY") && primary?.PostalCode is { Length: >= 3 } zip && NycZip3.Contains(zip[..3]),
            // Time-barred has one definition (the customer's primary address calendar), shared with the account page and the offers.
            TimeBarred = profile.StatuteOfLimitationsDate is { } sol ? StatuteOfLimitations.IsTimeBarred(sol, at, primary?.TimeZone) : null,
            ElectronicChannelBasis = ElectronicBasis(profile),
            TcpaPriorExpressConsent = TcpaConsent(profile, channel),
            OptedOutAddresses = WithheldConsents(profile, channel, notes),
            EmailAddresses = [.. profile.Emails.Select(e => new EmailAddressFacts(e.Address, e.IsWork, "account record"))],
        };
        notes.Add("collector: third-party debt collector (platform default)");
        notes.Add(profile.StatuteOfLimitationsDate is { } limitation ? $"statute of limitations: {limitation:uuuu-MM-dd}" : "statute of limitations: not recorded");
        facts = WithHolds(facts, profile.ActiveHolds, customerZone, notes);
        facts = WithHistory(facts, profile, history, customerZone, notes);
        facts = WithWishes(facts, wishes, at, customerZone, notes);
        notes.Add("content: a template carrying the required disclosures and opt-out notice is assumed; the gate checks the real message again at send time");

        var proposal = new Proposal(channel, at, to, profile.AccountId.ToString(), Content(channel));
        var digest = DecisionLog.DecisionLog.DigestLines(notes);
        return new AccountProposal(proposal, facts, notes, digest, customerZone);
    }

    /// <summary>The profile without the e-mail addresses that bounced: the e-mail channel passes over them.</summary>
    private static ContactProfile WithoutUndeliverable(ContactProfile profile, CustomerContactWishes? wishes, List<string> notes)
    {
        if (wishes?.UndeliverableAddresses is not { Count: > 0 } undeliverable)
        {
            return profile;
        }

        var emails = profile.Emails
            .Where(e => !undeliverable.Any(u => u.Channel == ContactChannel.Email && string.Equals(u.Address, e.Address, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (emails.Count == profile.Emails.Count)
        {
            return profile;
        }

        notes.Add($"undeliverable: {profile.Emails.Count - emails.Count} e-mail address(es) bounced and are not used");
        return profile with { Emails = emails };
    }

    /// <summary>The address the channel would use: consented numbers and addresses first, personal before work.</summary>
    public static ContactAddress? Address(ContactProfile profile, Channel channel) => channel switch
    {
        Channel.Call => profile.Phones.OrderByDescending(p => p.ConsentToCall).ThenBy(p => p.Kind == ContactPhoneKind.Work)
            .Select(p => (ContactAddress?)new ContactAddress(PhoneKind(p.Kind), p.E164)).FirstOrDefault(),
        Channel.Sms => profile.Phones.Where(p => p.Kind == ContactPhoneKind.Mobile).OrderByDescending(p => p.ConsentToSms)
            .Select(p => (ContactAddress?)new ContactAddress(AddressKind.Sms, p.E164)).FirstOrDefault(),
        Channel.Email => profile.Emails.OrderByDescending(e => e.ConsentToEmail).ThenBy(e => e.IsWork)
            .Select(e => (ContactAddress?)new ContactAddress(AddressKind.Email, e.Address)).FirstOrDefault(),
        Channel.Letter => profile.Addresses.Select(a => (ContactAddress?)new ContactAddress(AddressKind.Postal, $"{a.Line1}, {a.City} {a.PostalCode}")).FirstOrDefault(),
        Channel.SocialMedia or Channel.Action => null,
    };

    private static Jurisdiction Jurisdiction(ContactProfile profile, List<string> notes)
    {
        if (profile.Addresses.Count > 0)
        {
            var fromAddress = profile.Addresses[0].Jurisdiction;
            notes.Add($"jurisdiction: {fromAddress.Code} (postal address)");
            return fromAddress;
        }

        // Without an address the number's country still selects the rule packs; the zones then come from the area code or the unknown-location policy.
        Jurisdiction? fromPhone = profile.Phones.Any(p => p.E164.StartsWith("+1", StringComparison.Ordinal)) ? SharedKernel.Jurisdiction.UnitedStates
            : profile.Phones.Any(p => p.E164.StartsWith("+44", StringComparison.Ordinal)) ? SharedKernel.Jurisdiction.UnitedKingdom
            : null;
        if (fromPhone is not { } placed)
        {
            throw new DomainException(new CustomerNotPlaced(profile.AccountId));
        }

        notes.Add($"jurisdiction: {placed.Code} (phone country code; no postal address)");
        return placed;
    }

    private static CandidateZoneSet Zones(ContactProfile profile, Jurisdiction jurisdiction, ComplianceOptions options, List<string> notes, PhoneZoneCache? phoneZones)
    {
        var evidence = new List<ZoneEvidence>();
        foreach (var a in profile.Addresses)
        {
            if (ZoneResolver.Zone(a.TimeZone) is { } zone)
            {
                evidence.Add(new ZoneEvidence(zone, ZoneSource.PostalAddress, $"postal address {a.PostalCode}"));
            }
            else
            {
                notes.Add($"postal address {a.PostalCode}: time zone '{a.TimeZone}' is not a tzdb zone and was not used");
            }
        }

        foreach (var p in profile.Phones)
        {
            evidence.AddRange((phoneZones?.ForPhone(p.E164) ?? ZoneResolver.ForPhone(p.E164)).Select(z => new ZoneEvidence(z, ZoneSource.PhoneAreaCode, $"phone {p.E164}")));
        }

        var set = evidence.Count > 0
            ? new CandidateZoneSet(evidence, false)
            : jurisdiction.Region switch
            {
                Region.UnitedStates when options.UnknownUsLocation == UnknownLocationPolicy.AllFiftyStates => new CandidateZoneSet(ZoneResolver.AllFiftyStatesEvidence(), true),
                Region.UnitedKingdom => new CandidateZoneSet([new ZoneEvidence(DateTimeZoneProviders.Tzdb["Europe/London"], ZoneSource.UnknownLocationPolicy, "UK")], true),
                _ => new CandidateZoneSet([], true),
            };
        notes.Add(set.FromUnknownLocationPolicy
            ? $"candidate zones: {set.Describe()} (location unknown: the catalogue's default policy)"
            : $"candidate zones: {string.Join(", ", evidence.Select(e => $"{e.Zone.Id} ({e.Detail})").Distinct())}");
        return set;
    }

    /// <summary>The zone the customer's own time is shown in: their first address's, else the first candidate zone, else UTC.</summary>
    private static DateTimeZone CustomerZone(ContactProfile profile, CandidateZoneSet zones) =>
        profile.Addresses.Select(a => ZoneResolver.Zone(a.TimeZone)).OfType<DateTimeZone>().FirstOrDefault()
        ?? (zones.IsEmpty ? DateTimeZone.Utc : zones.Zones[0]);

    // Plain dictionaries: a profile has one to three numbers and addresses, and freezing them cost more than every lookup the gate makes.
    private static Dictionary<string, bool> TcpaConsent(ContactProfile profile, Channel channel)
    {
        var consent = new Dictionary<string, bool>(profile.Phones.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var p in profile.Phones)
        {
            consent.Add($"mobile:{p.E164}", channel == Channel.Sms ? p.ConsentToSms : p.ConsentToCall);
        }

        return consent;
    }

    private static Dictionary<string, string> ElectronicBasis(ContactProfile profile)
    {
        var basis = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in profile.Phones.Where(p => p.ConsentToSms))
        {
            basis[$"sms:{p.E164}"] = "consumer consented to texts at this number (recorded on the account)";
        }

        foreach (var e in profile.Emails.Where(e => e.ConsentToEmail))
        {
            basis[$"email:{e.Address}"] = "1006.6(d)(4)(iii): consumer consented to e-mail at this address (recorded on the account)";
        }

        return basis;
    }

    /// <summary>A number whose consent to calls (or texts) is withheld is treated as opted out of that medium at that number.</summary>
    private static List<ContactAddress> WithheldConsents(ContactProfile profile, Channel channel, List<string> notes)
    {
        // A landline-kind address reaches calls only, an sms-kind one texts only, so one medium's refusal does not block the other.
        List<ContactAddress> withheld = channel switch
        {
            Channel.Call => [.. profile.Phones.Where(p => !p.ConsentToCall).Select(p => new ContactAddress(AddressKind.Landline, p.E164))],
            Channel.Sms => [.. profile.Phones.Where(p => !p.ConsentToSms).Select(p => new ContactAddress(AddressKind.Sms, p.E164))],
            _ => [],
        };
        foreach (var a in withheld)
        {
            notes.Add($"consent to {(channel == Channel.Call ? "calls" : "texts")} withheld on {a.Value}: treated as an opt-out of that medium at that number");
        }

        return withheld;
    }

    private static ComplianceFacts WithHolds(ComplianceFacts facts, IReadOnlyList<ContactHold> holds, DateTimeZone customerZone, List<string> notes)
    {
        if (holds.Count == 0)
        {
            notes.Add("holds: none active");
            return facts;
        }

        foreach (var h in holds)
        {
            notes.Add($"hold: {h.Kind} since {h.StartsAt.InZone(customerZone).Date:uuuu-MM-dd} ({h.Reason})");
            facts = h.Kind switch
            {
                HoldType.Dispute => facts with
                {
                    DisputedUnverified = true,
                    DisputeForm = RequestForm.Written,
                    DisputeReceivedAt = h.StartsAt,
                    UkDisputeGrounds = facts.Jurisdiction.IsUk ? h.Reason : facts.UkDisputeGrounds,
                },
                HoldType.BreathingSpace => facts with { BreathingSpaceStart = h.StartsAt.InZone(customerZone).Date, BreathingSpaceType = BreathingSpaceType.Standard },
                HoldType.MentalHealthCrisis => facts with { BreathingSpaceStart = h.StartsAt.InZone(customerZone).Date, BreathingSpaceType = BreathingSpaceType.MentalHealthCrisis },
                HoldType.CeaseCommunication => facts with { CeaseRequested = true, CeaseRequestForm = RequestForm.Written, CeaseRequestedAt = h.StartsAt },
                HoldType.Deceased => facts with { Deceased = true },
                HoldType.AttorneyRepresented => facts with { AttorneyRepresented = true },
                HoldType.VulnerabilityReview => facts with { Vulnerable = true, VulnerabilityDrivers = [.. facts.VulnerabilityDrivers, "under vulnerability review (hold)"] },
                // No catalogue rule covers these; the eligibility use case routes any contact during them to a person.
                HoldType.Hardship or HoldType.Complaint or HoldType.Bankruptcy => facts,
            };
        }

        return facts;
    }

    /// <summary>The recorded contacts as the rules read them, each about the account it was recorded on; the notes count them.</summary>
    private static ComplianceFacts WithHistory(ComplianceFacts facts, ContactProfile profile, ContactHistoryFacts? history, DateTimeZone customerZone, List<string> notes)
    {
        if (history is null)
        {
            notes.Add(HistoryNote);
            return facts;
        }

        var records = history.Contacts.OrderBy(c => c.At).Select(c => Record(profile, c)).ToList();
        var calls = history.Contacts.Where(c => c.Channel == ContactChannel.Call).ToList();
        string Count(ContactChannel channel) => history.Contacts.Count(c => c.Channel == channel).ToString(CultureInfo.InvariantCulture);
        notes.Add(
            $"contact history: {history.Contacts.Count} contact(s) recorded from {history.From.InZone(customerZone).Date:uuuu-MM-dd} to {history.To.InZone(customerZone).Date:uuuu-MM-dd} "
            + $"(calls {calls.Count}, of which {calls.Count(c => c.Result == PastContactResult.Conversation)} conversation(s) and {calls.Count(c => c.Result == PastContactResult.NotConnected)} not connected; "
            + $"texts {Count(ContactChannel.Sms)}; e-mails {Count(ContactChannel.Email)}; letters {Count(ContactChannel.Letter)}; "
            + $"{history.Contacts.Count(c => c.Inbound)} started by the customer)");
        return facts with { History = records };
    }

    /// <summary>The customer's own word: opt-outs become opted-out media, named times (and the time outside allowed hours and days) inconvenient times.</summary>
    private static ComplianceFacts WithWishes(ComplianceFacts facts, CustomerContactWishes? wishes, Instant at, DateTimeZone customerZone, List<string> notes)
    {
        if (wishes is null)
        {
            notes.Add("customer's preferences: none recorded");
            return facts;
        }

        var optedOut = wishes.OptOuts.Where(o => o.At <= at).ToList();
        foreach (var o in optedOut)
        {
            notes.Add($"customer's preferences: opted out of {o.Channel.Name()} on {o.At.InZone(customerZone).Date:uuuu-MM-dd} ({o.Evidence})");
        }

        foreach (var t in wishes.InconvenientTimes)
        {
            notes.Add($"customer's preferences: {t.Why} (an inconvenient time in their own time)");
        }

        if (wishes.PausedUntil is { } until && until > at)
        {
            notes.Add($"customer's preferences: no contact until {until.InZone(customerZone).Date:uuuu-MM-dd} (a pause they asked for)");
        }

        return facts with
        {
            // Most customers opted out of nothing: their facts keep the shared empty set rather than freezing a new one per evaluation.
            OptedOutChannels = optedOut.Count == 0 ? facts.OptedOutChannels : facts.OptedOutChannels.Union(optedOut.Select(o => Record(o.Channel))).ToFrozenSet(),
            InconvenientTimes = [.. facts.InconvenientTimes, .. wishes.InconvenientTimes.Select(t => new InconvenientTime(t.From, t.To, t.Days, t.RecordedAt))],
        };
    }

    private static Channel Record(ContactChannel channel) => channel switch
    {
        ContactChannel.Call => Channel.Call,
        ContactChannel.Sms => Channel.Sms,
        ContactChannel.Email => Channel.Email,
        ContactChannel.Letter => Channel.Letter,
    };

    private static ContactRecord Record(ContactProfile profile, PastContact c) => new()
    {
        Channel = Record(c.Channel),
        At = c.At,
        Direction = c.Inbound ? Direction.Inbound : Direction.Outbound,
        Outcome = c.Result switch
        {
            PastContactResult.Conversation => ContactOutcome.Conversation,
            PastContactResult.NoAnswer => ContactOutcome.NoAnswer,
            PastContactResult.Voicemail => ContactOutcome.VoicemailLimitedContent,
            PastContactResult.Delivered => ContactOutcome.Delivered,
            PastContactResult.Attempted or PastContactResult.NotConnected or PastContactResult.WrongParty or PastContactResult.Failed => ContactOutcome.Unknown,
        },
        Connected = c.Result != PastContactResult.NotConnected,
        IsLimitedContentVoicemail = c.Result == PastContactResult.Voicemail,
        DebtIds = [c.Account.ToString()],
        To = c.Address is not { } address ? null : c.Channel switch
        {
            // A number's kind (mobile, landline, work) comes from the account's record of it; a number no longer on file counts as a mobile.
            ContactChannel.Call => new ContactAddress(
                profile.Phones.FirstOrDefault(p => string.Equals(p.E164, address, StringComparison.Ordinal)) is { } phone ? PhoneKind(phone.Kind) : AddressKind.Mobile, address),
            ContactChannel.Sms => new ContactAddress(AddressKind.Sms, address),
            ContactChannel.Email => new ContactAddress(AddressKind.Email, address),
            ContactChannel.Letter => new ContactAddress(AddressKind.Postal, address),
        },
    };

    // One content per channel, shared by every proposal (immutable): the decision log encodes each instance's JSON once.
    private static readonly ContentFacts[] ContentByChannel = [.. Enum.GetValues<Channel>().Select(NewContent)];

    private static ContentFacts Content(Channel channel) => ContentByChannel[(int)channel];

    private static ContentFacts NewContent(Channel channel) => new()
    {
        IncludesMiniMiranda = true,
        IncludesOptOutNotice = channel is Channel.Sms or Channel.Email ? true : null,
        MentionsDebtOrCreditor = true,
        IncludesCollectionContent = true,
        Automated = channel is Channel.Sms or Channel.Email,
    };

    private static AddressKind PhoneKind(ContactPhoneKind kind) => kind switch
    {
        ContactPhoneKind.Mobile => AddressKind.Mobile,
        ContactPhoneKind.Landline => AddressKind.Landline,
        ContactPhoneKind.Work => AddressKind.Work,
    };
}
