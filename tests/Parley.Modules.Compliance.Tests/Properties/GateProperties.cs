using System.Collections.Frozen;
using CsCheck;
using NodaTime;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Model;
using Parley.Modules.Compliance.Time;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Properties;

/// <summary>Properties over random customers, candidate zones, histories and clocks.</summary>
public sealed class GateProperties
{
    private static readonly string[] ZoneIds =
    [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
        "Pacific/Honolulu", "America/Indiana/Indianapolis", "America/Boise",
    ];

    private static readonly Jurisdiction Pennsylvania = Jurisdiction.Parse("US-PA");
    private static readonly Jurisdiction Massachusetts = Jurisdiction.Parse("US-MA");
    private static readonly ComplianceGate Gate = new();
    private static readonly ContactAddress Mobile = new(AddressKind.Mobile, "+12155550100");
    private static readonly ContactAddress Landline = new(AddressKind.Landline, "+12155550155");
    private static readonly ContactAddress Sms = new(AddressKind.Sms, "+12155550100");
    private static readonly ContactAddress Email = new(AddressKind.Email, "pat@example.com");
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    private static readonly Gen<DateTimeZone[]> Zones =
        Gen.Int[0, ZoneIds.Length - 1].Array[1, 3].Select(ix => ix.Distinct().Select(i => DateTimeZoneProviders.Tzdb[ZoneIds[i]]).ToArray());

    // Any minute of 2026, so both DST changes are crossed.
    private static readonly Gen<Instant> Instants = Gen.Int[0, 365 * 24 * 60].Select(m => Start.Plus(Duration.FromMinutes(m)));

    private static readonly Gen<Channel> Channels = Gen.Int[0, 2].Select(i => i switch { 0 => Channel.Call, 1 => Channel.Sms, _ => Channel.Email });

    private static readonly Gen<(int MinutesBefore, bool Connected, bool Conversation, bool Work)> PastCall =
        Gen.Select(Gen.Int[1, 10 * 24 * 60], Gen.Int[0, 9], Gen.Int[0, 14], Gen.Bool, (m, c, conv, w) => (m, c != 0, conv == 0, w));

    private static readonly Gen<(Proposal Proposal, ComplianceFacts Facts)> Cases =
        Gen.Select(Zones, Instants, Channels, PastCall.Array[0, 14], Gen.Bool).Select((zones, at, channel, calls, massachusetts) =>
        {
            var history = calls
                .Select(c => new ContactRecord
                {
                    Channel = Channel.Call,
                    At = at.Minus(Duration.FromMinutes(c.MinutesBefore)),
                    Connected = c.Connected,
                    Outcome = c.Conversation ? ContactOutcome.Conversation : ContactOutcome.NoAnswer,
                    To = c.Work ? Landline : Mobile,
                })
                .OrderBy(r => r.At)
                .ToList();
            var to = channel switch { Channel.Sms => Sms, Channel.Email => Email, _ => Mobile };
            var proposal = new Proposal(channel, at, to, "D1", new ContentFacts { IncludesMiniMiranda = true, IncludesOptOutNotice = true });
            return (proposal, Facts(zones, history, massachusetts ? Massachusetts : Pennsylvania));
        });

    private static ComplianceFacts Facts(DateTimeZone[] zones, List<ContactRecord> history, Jurisdiction jurisdiction) => new()
    {
        Jurisdiction = jurisdiction,
        Zones = new CandidateZoneSet([.. zones.Select(z => new ZoneEvidence(z, ZoneSource.KnownZone, null))], false),
        ElectronicChannelBasis = new Dictionary<string, string> { ["sms:+12155550100"] = "consumer texted", ["email:pat@example.com"] = "consumer used it" }.ToFrozenDictionary(),
        History = history,
    };

    private static bool Convenient(Instant at, DateTimeZone zone)
    {
        var t = at.InZone(zone).TimeOfDay;
        return t > new LocalTime(8, 0) && t < new LocalTime(21, 0);
    }

    [Fact]
    public void No_allowed_call_sms_or_email_falls_outside_0800_2100_in_any_candidate_zone() =>
        Cases.Sample(c =>
        {
            var decision = Gate.Evaluate(c.Proposal, c.Facts);
            if (decision.Allowed)
            {
                c.Facts.Zones.Zones.ShouldAllBe(z => Convenient(c.Proposal.At, z));
            }
        }, iter: 3000);

    [Fact]
    public void No_allowed_eighth_call_in_seven_local_days() =>
        Cases.Where(c => c.Proposal.Channel == Channel.Call).Sample(c =>
        {
            var decision = Gate.Evaluate(c.Proposal, c.Facts);
            if (!decision.Allowed)
            {
                return;
            }

            foreach (var zone in c.Facts.Zones.Zones)
            {
                var day = c.Proposal.At.InZone(zone).Date;
                for (var k = 0; k < 7; k++)
                {
                    var from = day.PlusDays(-6 + k);
                    var to = day.PlusDays(k);
                    var placed = c.Facts.History.Count(r => r.Connected && r.At.InZone(zone).Date >= from && r.At.InZone(zone).Date <= to);
                    (placed + 1).ShouldBeLessThanOrEqualTo(7);
                }
            }
        }, iter: 3000);

    [Fact]
    public void No_allowed_contact_during_a_hold_that_forbids_it()
    {
        Func<ComplianceFacts, ComplianceFacts>[] forbidding =
        [
            f => f with { CeaseRequested = true, CeaseRequestForm = RequestForm.Written },
            f => f with { DisputedUnverified = true, DisputeForm = RequestForm.Written, ValidationPeriodEnd = new LocalDate(2027, 12, 31) },
            f => f with { AttorneyRepresented = true },
            f => f with { Deceased = true },
        ];
        var holds = Gen.Int[0, forbidding.Length - 1].Select(i => forbidding[i]);
        Gen.Select(Cases, holds).Sample((c, hold) =>
            Gate.Evaluate(c.Proposal with { Content = c.Proposal.Content with { RequestsPayment = true } }, hold(c.Facts)).Allowed.ShouldBeFalse(), iter: 2000);
    }

    [Fact]
    public void No_allowed_payment_request_during_a_breathing_space() =>
        Gen.Select(Instants, Gen.Int[-30, 200], Gen.Bool).Sample((at, daysSinceStart, crisis) =>
        {
            var london = DateTimeZoneProviders.Tzdb["Europe/London"];
            var facts = new ComplianceFacts
            {
                Jurisdiction = Jurisdiction.UnitedKingdom,
                Zones = new CandidateZoneSet([new ZoneEvidence(london, ZoneSource.PostalAddress, null)], false),
                BreathingSpaceStart = at.InZone(london).Date.PlusDays(-daysSinceStart),
                BreathingSpaceType = crisis ? BreathingSpaceType.MentalHealthCrisis : BreathingSpaceType.Standard,
            };
            var decision = Gate.Evaluate(new Proposal(Channel.Sms, at, Sms, "D1", new ContentFacts { RequestsPayment = true, OffersForbearanceOptions = true }), facts);
            if (daysSinceStart >= 0)
            {
                decision.Allowed.ShouldBeFalse();
            }
        }, iter: 2000);

    [Fact]
    public void The_next_lawful_instant_when_re_evaluated_is_allowed() =>
        Cases.Sample(c =>
        {
            var decision = Gate.Evaluate(c.Proposal, c.Facts);
            if (decision.NextLawfulAt is { } next)
            {
                next.ShouldBeGreaterThan(c.Proposal.At);
                var again = Gate.Evaluate(c.Proposal with { At = next }, c.Facts);
                again.Allowed.ShouldBeTrue(again.Explanation);
            }
        }, iter: 3000);

    [Fact]
    public void Timing_and_frequency_denials_carry_a_next_lawful_instant() =>
        Cases.Sample(c =>
        {
            var decision = Gate.Evaluate(c.Proposal, c.Facts);
            var timingOnly = !decision.Allowed && decision.Evaluated.Where(e => e.Result.Failed).All(e => e.Stage is RuleStage.TimeAndPlace or RuleStage.Frequency);
            if (timingOnly)
            {
                decision.NextLawfulAt.ShouldNotBeNull(decision.Explanation);
            }
        }, iter: 3000);
}
