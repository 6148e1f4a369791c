using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Time;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Scenarios;

/// <summary>One scenario: its id and the proposal and facts the gate evaluates. <c>expected</c> is never read into them.</summary>
public sealed record Scenario(string Id, Proposal Proposal, ComplianceFacts Facts, string FactsDigest);

/// <summary>
/// Reads the scenario format (docs: shared compliance/scenario-format.md). Unknown fields are ignored; unknown time
/// zones, impossible instants or dates, unknown channels or rule ids and out-of-order histories are refused with
/// the scenario and field named. Other unrecognised enum values read as "not known", which rules treat conservatively.
/// </summary>
public static partial class ScenarioReader
{
    private static readonly FrozenSet<string> KnownRuleIds = RulePacks.All.Select(r => r.Id).ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyList<Scenario> Read(string json, ComplianceOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ScenarioFormatException("(file)", "(json)", $"not valid JSON: {e.Message}");
        }

        using (document)
        {
            CheckText(document.RootElement, "");
            var root = new JsonField(document.RootElement, "", "(file)");
            var scenarios = root.Element.ValueKind == JsonValueKind.Array ? root : root["scenarios"];
            if (!scenarios.Exists)
            {
                throw root.Error("no 'scenarios' array");
            }

            var result = new List<Scenario>();
            var index = 0;
            foreach (var item in scenarios.Items())
            {
                var id = item["id"].String() ?? $"scenarios[{index}]";
                result.Add(ReadScenario(new JsonField(item.Element, "", id), options));
                index++;
            }

            return result;
        }
    }

    /// <summary>
    /// Every name and string in the file is text Parley can read and store: no unpaired surrogate escape (<c>\ud800</c>,
    /// which the reader cannot turn into a string) and no control character but tab and line breaks (a NUL cannot be
    /// stored by PostgreSQL, and a scenario's id goes into the decision log).
    /// </summary>
    private static void CheckText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = Text(() => property.Name, path, "a field name");
                    CheckText(property.Value, path.Length == 0 ? name : $"{path}.{name}");
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckText(item, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String:
                Text(element.GetString, path, "the value");
                break;
        }
    }

    private static string Text(Func<string?> read, string path, string what)
    {
        string text;
        try
        {
            text = read() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw new ScenarioFormatException("(file)", path.Length == 0 ? "(json)" : path, $"{what} is not valid text (an unpaired surrogate escape such as \\ud800)");
        }

        var at = ControlCharacters.IndexInFreeText(text);
        return at < 0 ? text : throw new ScenarioFormatException("(file)", path.Length == 0 ? "(json)" : path, $"{what} contains a control character ({ControlCharacters.Describe(text, at)})");
    }

    internal static Scenario ReadScenario(JsonField s, ComplianceOptions options)
    {
        var jurisdictionCode = s["jurisdiction"].String();
        if (!ScenarioJurisdiction.TryParse(jurisdictionCode, out var jurisdiction, out var newYorkCity))
        {
            throw s["jurisdiction"].Error(jurisdictionCode is null ? "missing" : $"unknown jurisdiction '{jurisdictionCode}'");
        }

        ValidateExpected(s["expected"]);
        var consumer = s["consumer"];
        var flags = consumer["flags"];
        var history = ReadHistory(s["contact_history"]);
        var zones = ResolveZones(consumer, jurisdiction, options);

        var facts = new ComplianceFacts
        {
            Jurisdiction = jurisdiction,
            Collector = ReadCollector(s["collector"]),
            Zones = zones,
            State = consumer["state"].String(),
            Postcode = consumer["postcode"].String(),
            CeaseRequested = Either(flags, consumer, "cease_requested").Bool() ?? false,
            CeaseRequestForm = Form(Either(flags, consumer, "cease_request_form").String()),
            CeaseRequestedAt = Either(flags, consumer, "cease_requested_at").Instant(),
            DisputedUnverified = Either(flags, consumer, "disputed_unverified").Bool() ?? false,
            DisputeForm = Form(Either(flags, consumer, "dispute_form").String()),
            DisputeReceivedAt = Either(flags, consumer, "dispute_received_at").Instant(),
            OriginalCreditorRequested = Either(flags, consumer, "original_creditor_requested").Bool() ?? false,
            OriginalCreditorRequestForm = Form(Either(flags, consumer, "original_creditor_request_form").String()),
            OriginalCreditorRequestedAt = Either(flags, consumer, "original_creditor_requested_at").Instant(),
            ValidationPeriodEnd = Either(flags, consumer, "validation_period_end").Date(),
            BreathingSpaceStart = Either(flags, consumer, "breathing_space_start").Date(),
            BreathingSpaceType = Either(flags, consumer, "breathing_space_type").String() switch
            {
                null => Either(flags, consumer, "breathing_space_start").Exists ? BreathingSpaceType.Standard : null,
                "mental_health_crisis" or "mhcm" => BreathingSpaceType.MentalHealthCrisis,
                _ => BreathingSpaceType.Standard,
            },
            BreathingSpaceEndNotified = Either(flags, consumer, "breathing_space_end_notified").Date(),
            Deceased = Either(flags, consumer, "deceased").Bool() ?? false,
            OptedOutChannels = ReadChannels(Either(flags, consumer, "opted_out_channels")),
            OptedOutAddresses = [.. Either(flags, consumer, "opted_out_addresses").Items().Select(Address).OfType<ContactAddress>()],
            Vulnerable = Either(flags, consumer, "vulnerable").Bool() ?? false,
            VulnerabilityDrivers = Either(flags, consumer, "vulnerability_drivers").Strings(),
            MentalCapacityConcern = Either(flags, consumer, "mental_capacity_concern").Bool() ?? false,
            TimeBarred = Either(flags, consumer, "time_barred").Bool(),
            AttorneyRepresented = Either(flags, consumer, "attorney_represented").Bool() ?? false,
            Attorney = ReadAttorney(consumer["attorney"].Exists ? consumer["attorney"] : flags["attorney"]),
            EmployerProhibitsWorkplaceContact = Either(flags, consumer, "employer_prohibits_workplace_contact").Bool() ?? false,
            FirstWrittenCommunicationSinceTimeBarred = Either(flags, consumer, "first_written_communication_since_time_barred").Bool(),
            WithinFcraReportingPeriod = Either(flags, consumer, "within_fcra_reporting_period").Bool(),
            ElectronicChannelBasis = StringMap(consumer["electronic_channel_basis"]),
            ElectronicConsentNyc = StringMap(consumer["electronic_consent_nyc"]),
            TcpaPriorExpressConsent = consumer["tcpa_prior_express_consent"].Properties()
                .Select(p => (p.Name, Value: p.Value.Bool()))
                .Where(p => p.Value is not null)
                .ToFrozenDictionary(p => p.Name, p => p.Value!.Value, StringComparer.OrdinalIgnoreCase),
            DirectPriorConsents = [.. consumer["direct_prior_consent"].Items().Select(ReadConsent).OfType<DirectPriorConsent>()],
            ElectronicConsents = [.. consumer["electronic_consents"].Items().Select(ReadElectronicConsent).OfType<ElectronicConsent>()],
            InconvenientTimes = [.. consumer["inconvenient_times"].Items().Select(ReadInconvenientTime).OfType<InconvenientTime>()],
            EmailAddresses = [.. consumer["email_addresses"].Items().Select(e => new EmailAddressFacts(e["value"].String() ?? "", e["employer_provided"].Bool() ?? false, e["source"].String()))],
            EstateRepresentative = consumer["estate_representative"] is { Exists: true } rep
                ? new EstateRepresentative(rep["name"].String(), rep["role"].String(), rep["verified"].Bool() ?? false)
                : null,
            AnsweringParty = consumer["answering_party"].String(),
            ThirdPartyAuthority = consumer["third_party_authority"] is { Exists: true } tpa
                ? new ThirdPartyAuthority(tpa["type"].String(), tpa["verified"].Bool() ?? false)
                : null,
            SharedHouseholdAddress = (consumer["household"]["shared_address"].Bool() ?? false)
                || consumer["location_evidence"].Items().Any(e => e["shared"].Bool() == true),
            Sfs = ReadSfs(consumer["sfs"]),
            UkDisputeGrounds = consumer["uk_dispute_grounds"].String(),
            UkLimitation = consumer["uk_limitation"] is { Exists: true } lim
                ? new UkLimitation(lim["law"].String(), lim["period_years"].Int(), lim["last_payment_or_acknowledgement"].Date())
                : null,
            NycResident = newYorkCity || (consumer["nyc_resident"].Bool() ?? false),
            DataSubjectRequests = [.. consumer["gdpr_requests"].Items().Select(r => new DataSubjectRequest(r["type"].String() ?? "", r["received_at"].Instant()))],
            History = history,
        };

        var consents = facts.DirectPriorConsents;
        if (consents.Count > 0)
        {
            facts = facts with { History = [.. history.Select(r => r with { PursuantToPriorConsent = r.PursuantToPriorConsent || CoveredByConsent(r, consents) })] };
        }

        var factsText = string.Join('\n', new[] { "jurisdiction", "collector", "consumer", "debts", "contact_history" }.Select(n => s[n].Exists ? s[n].Element.GetRawText() : ""));
        return new Scenario(s.ScenarioId, ReadProposal(s["proposed_action"]), facts, DecisionLog.DecisionLog.Digest(factsText));
    }

    private static JsonField Either(JsonField flags, JsonField consumer, string name) => flags[name].Exists ? flags[name] : consumer[name];

    private static void ValidateExpected(JsonField expected)
    {
        foreach (var id in expected["rule_ids"].Items())
        {
            var text = id.String();
            if (text is not null && !KnownRuleIds.Contains(text))
            {
                throw id.Error($"unknown rule id '{text}'");
            }
        }
    }

    private static CollectorFacts ReadCollector(JsonField c)
    {
        if (!c.Exists)
        {
            return CollectorFacts.DefaultThirdParty;
        }

        var type = c["type"].String() switch
        {
            "first_party_creditor" => CollectorType.FirstPartyCreditor,
            "fca_authorised_debt_collector" => CollectorType.FcaAuthorisedDebtCollector,
            "eu_collection_agency" => CollectorType.EuCollectionAgency,
            _ => CollectorType.ThirdPartyDebtCollector,
        };
        return new CollectorFacts(type, c["fdcpa_debt_collector"].Bool(), c["licensed_in"].Strings());
    }

    private static RequestForm Form(string? text) => text switch
    {
        "written" or "letter" => RequestForm.Written,
        "oral" or "verbal" or "phone" => RequestForm.Oral,
        "electronic" or "email" or "portal" => RequestForm.Electronic,
        _ => RequestForm.Unknown,
    };

    private static Channel ParseChannel(JsonField field)
    {
        var text = field.String();
        return text switch
        {
            "call" => Channel.Call,
            "sms" => Channel.Sms,
            "email" => Channel.Email,
            "letter" => Channel.Letter,
            "social_media" => Channel.SocialMedia,
            "action" => Channel.Action,
            null => throw field.Error("missing channel"),
            _ => throw field.Error($"unknown channel '{text}' (call, sms, email, letter, social_media, action)"),
        };
    }

    private static IReadOnlySet<Channel> ReadChannels(JsonField field)
    {
        var set = new HashSet<Channel>();
        foreach (var item in field.Items())
        {
            set.Add(item.String() switch
            {
                "phone" or "telephone" or "voice" => Channel.Call,
                "text" => Channel.Sms,
                "e-mail" => Channel.Email,
                _ => ParseChannel(item),
            });
        }

        return set.ToFrozenSet();
    }

    private static ContactAddress? Address(JsonField field)
    {
        var text = field.String();
        return text is not null && ContactAddress.TryParse(text, out var address) ? address : null;
    }

    private static FrozenDictionary<string, string> StringMap(JsonField field) =>
        field.Properties().Select(p => (p.Name, Value: p.Value.String())).Where(p => p.Value is not null)
            .ToFrozenDictionary(p => p.Name, p => p.Value!, StringComparer.OrdinalIgnoreCase);

    private static AttorneyFacts? ReadAttorney(JsonField a) =>
        a.Exists ? new AttorneyFacts(a["name"].String(), a["address"].String(), a["responded_recently"].Bool()) : null;

    private static DirectPriorConsent? ReadConsent(JsonField c)
    {
        if (c["given_at"].Instant() is not { } given)
        {
            return null;
        }

        var scope = c["scope"].String() ?? "";
        var match = IsoDate().Match(scope);
        LocalDate? forDate = match.Success && NodaTime.Text.LocalDatePattern.Iso.Parse(match.Value) is { Success: true } d ? d.Value : null;
        return new DirectPriorConsent(given, scope, forDate);
    }

    // An entry without a parseable address says nothing about any address, so it is left out.
    private static ElectronicConsent? ReadElectronicConsent(JsonField c) =>
        Address(c["address"]) is { } address
            ? new ElectronicConsent(address, Form(c["form"].String()), c["given_at"].Instant(), c["revoked_at"].Instant())
            : null;

    private static InconvenientTime? ReadInconvenientTime(JsonField t)
    {
        if (t["from_local"].Time() is not { } from || t["to_local"].Time() is not { } to)
        {
            return null;
        }

        var days = new HashSet<IsoDayOfWeek>();
        var dayField = t["days"];
        var names = dayField.Element.ValueKind == JsonValueKind.String ? [dayField.String()!] : dayField.Strings();
        foreach (var name in names)
        {
            var lower = name.Trim().ToLowerInvariant();
            switch (lower)
            {
                case "all" or "every_day" or "daily":
                    days.Clear();
                    return new InconvenientTime(from, to, days, t["recorded_at"].Instant());
                case "weekdays":
                    days.UnionWith([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday]);
                    break;
                case "weekends":
                    days.UnionWith([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday]);
                    break;
                default:
                    if (lower.Length >= 3 && DayPrefixes.TryGetValue(lower[..3], out var day))
                    {
                        days.Add(day);
                    }

                    break;
            }
        }

        return new InconvenientTime(from, to, days, t["recorded_at"].Instant());
    }

    private static readonly FrozenDictionary<string, IsoDayOfWeek> DayPrefixes = new Dictionary<string, IsoDayOfWeek>(StringComparer.Ordinal)
    {
        ["mon"] = IsoDayOfWeek.Monday,
        ["tue"] = IsoDayOfWeek.Tuesday,
        ["wed"] = IsoDayOfWeek.Wednesday,
        ["thu"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday,
        ["sat"] = IsoDayOfWeek.Saturday,
        ["sun"] = IsoDayOfWeek.Sunday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static StandardFinancialStatement? ReadSfs(JsonField sfs)
    {
        if (!sfs.Exists)
        {
            return null;
        }

        var income = sfs["monthly_income"].Decimal();
        var disposable = sfs["disposable_income"].Decimal();
        if (disposable is null && income is { } i)
        {
            disposable = i - (sfs["fixed_costs"].Decimal() ?? 0) - (sfs["flexible_costs"].Decimal() ?? 0) - (sfs["savings_contribution"].Decimal() ?? 0);
        }

        return new StandardFinancialStatement(income, disposable, sfs["flexible_within_spending_guidelines"].Bool());
    }

    private static List<ContactRecord> ReadHistory(JsonField history)
    {
        var records = new List<ContactRecord>();
        Instant? previous = null;
        foreach (var h in history.Items())
        {
            var written = h["at"].OffsetDateTime() ?? throw h["at"].Error("missing instant");
            var at = written.ToInstant();
            if (previous is { } p && at < p)
            {
                throw h["at"].Error("history out of order (earlier than the entry before it)");
            }

            previous = at;
            var outcome = h["outcome"].String() switch
            {
                "no_answer" => ContactOutcome.NoAnswer,
                "voicemail_limited_content" => ContactOutcome.VoicemailLimitedContent,
                "conversation" => ContactOutcome.Conversation,
                "delivered" => ContactOutcome.Delivered,
                _ => ContactOutcome.Unknown,
            };
            var debts = h["debt_ids"].Strings();
            records.Add(new ContactRecord
            {
                Channel = ParseChannel(h["channel"]),
                At = at,
                Direction = h["direction"].String() == "inbound" ? Direction.Inbound : Direction.Outbound,
                Outcome = outcome,
                To = Address(h["to"]),
                DebtIds = debts.Count > 0 ? debts : [h["debt_id"].String() ?? "D1"],
                Connected = h["connected"].Bool() ?? h["network_result"].String() is null,
                Prerecorded = h["prerecorded"].Bool() ?? false,
                IsInitialCommunication = h["is_initial_communication"].Bool() ?? false,
                IsValidationNotice = h["is_validation_notice"].Bool() ?? false,
                IsLimitedContentVoicemail = outcome == ContactOutcome.VoicemailLimitedContent,
                PursuantToPriorConsent = h["pursuant_to_prior_consent"].Bool() ?? false,
                Body = h["body"].String(),
                WrittenLocalDate = written.Date,
            });
        }

        return records;
    }

    private static bool CoveredByConsent(ContactRecord r, IReadOnlyList<DirectPriorConsent> consents) =>
        r.Channel == Channel.Call && r.Direction == Direction.Outbound
        && consents.Any(c => c.ForDate is { } date && r.At >= c.GivenAt && r.At - c.GivenAt <= Duration.FromDays(7)
            && (r.WrittenLocalDate ?? r.At.InUtc().Date) == date);

    private static Proposal ReadProposal(JsonField p)
    {
        if (!p.Exists)
        {
            throw p.Error("missing");
        }

        var channel = ParseChannel(p["channel"]);
        var at = p["at"].Instant() ?? throw p["at"].Error("missing instant");
        var c = p["content"];
        var actionText = c["action_type"].String();
        var action = actionText switch
        {
            null => CollectionAction.None,
            "credit_report_furnish" => CollectionAction.CreditReportFurnish,
            "apply_interest_and_fees" => CollectionAction.ApplyInterestAndFees,
            "issue_court_claim" => CollectionAction.IssueCourtClaim,
            "reject_repayment_proposal" => CollectionAction.RejectRepaymentProposal,
            "automated_litigation_referral" => CollectionAction.AutomatedLitigationReferral,
            "automated_default_and_debt_sale" => CollectionAction.AutomatedDefaultAndDebtSale,
            "accept_payment" => CollectionAction.AcceptPayment,
            "deploy_model" => CollectionAction.DeployModel,
            _ => throw c["action_type"].Error($"unknown action type '{actionText}'"),
        };
        if (channel == Channel.Action && action == CollectionAction.None)
        {
            throw c["action_type"].Error("an 'action' proposal needs content.action_type");
        }

        var safeguards = c["safeguards"];
        var content = new ContentFacts
        {
            ActionType = action,
            IncludesMiniMiranda = c["includes_mini_miranda"].Bool(),
            IncludesOptOutNotice = c["includes_optout_notice"].Bool(),
            IncludesOptOutMechanism = c["includes_optout_mechanism"].Bool(),
            IsInitialCommunication = c["is_initial_communication"].Bool(),
            IsValidationNotice = c["is_validation_notice"].Bool(),
            UsesModelFormB1 = c["uses_model_form_b1"].Bool(),
            ValidationPeriodEndDateComputed = c["validation_period_end_date_computed"].Bool(),
            IsVerificationResponse = c["is_verification_response"].Bool(),
            IsLimitedContentMessage = c["is_limited_content_message"].Bool(),
            VoicemailScript = c["voicemail_script"].String(),
            IsOptOutConfirmation = c["is_optout_confirmation"].Bool(),
            RespondsToConsumerInitiated = c["responds_to_consumer_initiated"].Bool(),
            ResponseCountForThisInbound = c["response_count_for_this_inbound"].Int(),
            PursuantToPriorConsent = c["pursuant_to_prior_consent"].Bool(),
            RequestsPayment = c["requests_payment"].Bool(),
            DemandFullBalance = c["demand_full_balance"].Bool(),
            PaymentDeadlineDays = c["payment_deadline_days"].Int() ?? c["deadline_days"].Int(),
            DeadlinePrecedesValidationPeriodEnd = c["deadline_precedes_validation_period_end"].Bool(),
            ThreatensSuit = c["threatens_suit"].Bool(),
            WarnsDefaultAndFees = c["warns_default_and_fees"].Bool(),
            IncludesCaTimeBarredNotice = c["includes_ca_time_barred_notice"].Bool(),
            NySolDisclosureGivenInSameMedium = c["ny_sol_disclosure_given_in_same_medium"].Bool(),
            MentionsDebtOrCreditor = c["mentions_debt_or_creditor"].Bool(),
            IncludesCollectionContent = c["includes_collection_content"].Bool(),
            EnvelopeRevealsDebt = c["envelope_reveals_debt"].Bool(),
            Visibility = c["visibility"].String(),
            AddresseeRole = c["addressee_role"].String(),
            CeaseException = c["cease_exception"].String(),
            UsesPrerecordedVoice = c["uses_prerecorded_voice"].Bool(),
            Medium = c["medium"].String(),
            OffersForbearanceOptions = c["offers_forbearance_options"].Bool(),
            SignpostsFreeDebtAdvice = c["signposts_free_debt_advice"].Bool(),
            Purpose = c["purpose"].String(),
            Reason = c["reason"].String(),
            Automated = c["automated"].Bool(),
            AutomatedBatch = c["automated_batch"].Bool(),
            SolelyAutomated = c["solely_automated"].Bool(),
            HumanReview = c["human_review"].Bool(),
            Safeguards = safeguards.Exists
                ? new AutomatedDecisionSafeguards(safeguards["informed"].Bool(), safeguards["representations"].Bool(), safeguards["human_intervention"].Bool(), safeguards["contest"].Bool())
                : null,
            Model = c["model"].String(),
            ImpactRatio = c["impact_ratio"].Decimal(),
            ProtectedBasis = c["protected_basis"].String(),
            AdverseOutcomeRateProtected = c["adverse_outcome_rate_protected"].Decimal(),
            AdverseOutcomeRateReference = c["adverse_outcome_rate_reference"].Decimal(),
            UsesProhibitedBases = c["uses_prohibited_bases"].Strings(),
            WillDiscussDebtIds = c["will_discuss_debt_ids"].Strings(),
            AtInconvenientPlace = c["at_inconvenient_place"].Bool(),
            NumberReassigned = c["number_reassigned"].Bool(),
            IsLocationInquiry = c["is_location_inquiry"].Bool(),
        };
        return new Proposal(channel, at, Address(p["to"]), p["debt_id"].String() ?? "D1", content);
    }

    private static CandidateZoneSet ResolveZones(JsonField consumer, Jurisdiction jurisdiction, ComplianceOptions options)
    {
        var evidence = new List<ZoneEvidence>();
        var stated = new List<ZoneEvidence>();

        foreach (var z in consumer["candidate_time_zones"].Items())
        {
            evidence.Add(new ZoneEvidence(Zone(z), ZoneSource.ExplicitCandidate, "candidate"));
        }

        if (string.Equals(consumer["candidate_time_zones_policy"].String(), "all_50_states", StringComparison.Ordinal))
        {
            evidence.AddRange(ZoneResolver.AllFiftyStatesEvidence());
        }

        foreach (var z in consumer["time_zones"].Items())
        {
            evidence.Add(new ZoneEvidence(Zone(z), ZoneSource.KnownZone, "known to the collector"));
        }

        foreach (var e in consumer["location_evidence"].Items())
        {
            var source = e["source"].String() ?? "";
            var statedByConsumer = source.Contains("stated", StringComparison.Ordinal) || source.Contains("consumer", StringComparison.Ordinal)
                || source.Contains("customer", StringComparison.Ordinal);
            if (e["time_zone"].Exists)
            {
                var item = new ZoneEvidence(Zone(e["time_zone"]), statedByConsumer ? ZoneSource.ConsumerStated : SourceOf(source), source);
                (statedByConsumer ? stated : evidence).Add(item);
                continue;
            }

            foreach (var zone in Derived(e, source))
            {
                evidence.Add(new ZoneEvidence(zone, SourceOf(source), source));
            }
        }

        if (stated.Count > 0)
        {
            return new CandidateZoneSet(stated, false);
        }

        if (evidence.Count == 0 && consumer["state"].String() is { } state)
        {
            evidence.AddRange(ZoneResolver.ForUsAddress(state, null).Select(z => new ZoneEvidence(z, ZoneSource.PostalAddress, $"state {state}")));
        }

        if (evidence.Count == 0 && consumer["postcode"].String() is { } postcode)
        {
            evidence.AddRange(ZoneResolver.ForUkPostcode(postcode).Select(z => new ZoneEvidence(z, ZoneSource.PostalAddress, $"postcode {postcode}")));
        }

        if (evidence.Count > 0)
        {
            return new CandidateZoneSet(evidence, evidence.TrueForAll(e => e.Source == ZoneSource.UnknownLocationPolicy));
        }

        return jurisdiction.Region switch
        {
            Region.UnitedStates when options.UnknownUsLocation == UnknownLocationPolicy.AllFiftyStates => new CandidateZoneSet(ZoneResolver.AllFiftyStatesEvidence(), true),
            Region.UnitedKingdom => new CandidateZoneSet([new ZoneEvidence(DateTimeZoneProviders.Tzdb["Europe/London"], ZoneSource.UnknownLocationPolicy, "UK")], true),
            _ => new CandidateZoneSet([], true),
        };
    }

    private static IEnumerable<DateTimeZone> Derived(JsonField e, string source)
    {
        if (source is "mailing_address" or "postal_address" or "address")
        {
            if (e["postcode"].String() is { } postcode)
            {
                return ZoneResolver.ForUkPostcode(postcode);
            }

            var match = e["value"].String() is { } value ? UsStateZip().Match(value) : Match.Empty;
            return match.Success ? ZoneResolver.ForUsAddress(match.Groups[1].Value, match.Groups[2].Value) : [];
        }

        if (e["number"].String() is { } number && !string.Equals(e["type"].String(), "voip", StringComparison.Ordinal))
        {
            return ZoneResolver.ForPhone(number);
        }

        return [];
    }

    private static ZoneSource SourceOf(string source) => source switch
    {
        "mailing_address" or "postal_address" or "address" => ZoneSource.PostalAddress,
        "phone_area_code" or "phone" => ZoneSource.PhoneAreaCode,
        _ => ZoneSource.KnownZone,
    };

    private static DateTimeZone Zone(JsonField field)
    {
        var id = field.String() ?? throw field.Error("missing time zone id");
        return ZoneResolver.Zone(id) ?? throw field.Error($"unknown time zone id '{id}'");
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b([A-Z]{2})\s+(\d{5})(?:-\d{4})?\b")]
    private static partial Regex UsStateZip();
}
