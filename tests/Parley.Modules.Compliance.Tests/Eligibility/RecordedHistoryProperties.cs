using CsCheck;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Eligibility;
using Parley.Modules.Compliance.Engine;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Eligibility;

/// <summary>
/// The gate decides a stored account's call on its recorded history (<see cref="IContactHistoryFacts"/>): with N counted
/// calls in the customer's last 7 local days a call is allowed iff N &lt; 7 and no conversation falls in them, in any zone.
/// </summary>
public sealed class RecordedHistoryProperties
{
    private static readonly ComplianceGate Gate = new();

    // A customer's zone with a number whose area code lies in it, so the candidate zones are theirs alone.
    private static readonly (string Zone, string Phone)[] Homes =
    [
        ("America/New_York", "+12125550142"), ("America/Chicago", "+13125550142"), ("America/Denver", "+13035550142"),
        ("America/Phoenix", "+16025550142"), ("America/Los_Angeles", "+12135550142"), ("America/Anchorage", "+19075550142"),
        ("Pacific/Honolulu", "+18085550142"),
    ];

    private sealed record Case(int Home, LocalDate Day, LocalTime Time, int Counted, int NotConnected, int Older, bool Conversation, int Seed);

    private static readonly Gen<Case> Cases = Gen.Select(
        Gen.Int[0, Homes.Length - 1],
        Gen.Int[20, 330].Select(d => new LocalDate(2026, 1, 1).PlusDays(d)),
        Gen.Int[10 * 60, 19 * 60 + 59].Select(m => LocalTime.FromMinutesSinceMidnight(m)),
        Gen.Int[0, 10],
        Gen.Int[0, 3],
        Gen.Int[0, 4],
        Gen.Int[0, 3].Select(i => i == 0),
        Gen.Int,
        (home, day, time, counted, notConnected, older, conversation, seed) => new Case(home, day, time, counted, notConnected, older, conversation, seed));

    // Every result a placed, connected call can have short of a conversation: each one counts.
    private static readonly PastContactResult[] Counted = [PastContactResult.Attempted, PastContactResult.NoAnswer, PastContactResult.Voicemail, PastContactResult.WrongParty];

    [Fact]
    public void A_call_is_allowed_iff_fewer_than_7_counted_calls_and_no_conversation_fall_in_the_last_7_days() =>
        Cases.Sample(c =>
        {
            var (zoneId, phone) = Homes[c.Home];
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            var account = AccountId.New();
            var at = zone.AtLeniently(c.Day + c.Time).ToInstant();
            var random = new Random(c.Seed);

            // Counted calls fall on the 6 local days before today (so before the proposal), not connected ones anywhere in
            // them, older ones 8 to 12 days back: no calendar within a day of the customer's puts those in today's window.
            Instant OnDay(int daysBack) => zone.AtLeniently(c.Day.PlusDays(-daysBack) + LocalTime.FromMinutesSinceMidnight(random.Next(8 * 60 + 30, 20 * 60 + 30))).ToInstant();
            var contacts = new List<PastContact>();
            for (var i = 0; i < c.Counted; i++)
            {
                var result = c.Conversation && i == 0 ? PastContactResult.Conversation : Counted[random.Next(Counted.Length)];
                contacts.Add(new PastContact(account, ContactChannel.Call, false, OnDay(random.Next(1, 7)), result, phone));
            }

            for (var i = 0; i < c.NotConnected; i++)
            {
                contacts.Add(new PastContact(account, ContactChannel.Call, false, OnDay(random.Next(1, 7)), PastContactResult.NotConnected, phone));
            }

            for (var i = 0; i < c.Older; i++)
            {
                contacts.Add(new PastContact(account, ContactChannel.Call, false, OnDay(random.Next(8, 13)), PastContactResult.Conversation, phone));
            }

            var history = new ContactHistoryFacts(at - StoredAccountFacts.HistoryReach, at + StoredAccountFacts.HistoryReach, [.. contacts.OrderBy(x => x.At)]);
            var profile = new ContactProfile(
                account,
                "REF-1",
                null,
                [new ContactPostalAddress("1 Main St", null, "Springfield", "17101", Jurisdiction.Parse("US-PA"), zoneId)],
                [new ContactPhone(phone, ContactPhoneKind.Mobile, ConsentToCall: true, ConsentToSms: true)],
                [],
                []);

            var d = ContactEligibility.Decide(Gate, profile, Channel.Call, at, history);

            var conversation = c.Conversation && c.Counted > 0;
            var expectAllowed = c.Counted < 7 && !conversation;
            d.Decision.Allowed.ShouldBe(expectAllowed, $"{c} decided {d.Decision.Verdict}: {d.Decision.Explanation}");
            d.Built.FactNotes.ShouldContain(n => n.StartsWith($"contact history: {contacts.Count} contact(s) recorded", StringComparison.Ordinal));
            if (c.Counted >= 7)
            {
                d.Decision.DecidingRuleIds.ShouldContain("US-REGF-CALLFREQ-7IN7");
                d.Decision.Reasons.Single(r => r.RuleId == "US-REGF-CALLFREQ-7IN7").Result.Reason
                    .ShouldBe($"{c.Counted} calls about {account} already fall within 7 consecutive days; this would be call {c.Counted + 1}.");
            }
            else
            {
                d.Decision.Reasons.ShouldNotContain(r => r.RuleId == "US-REGF-CALLFREQ-7IN7");
            }

            if (conversation)
            {
                d.Decision.DecidingRuleIds.ShouldContain("US-REGF-CALLFREQ-POSTCONV");
                d.Decision.Reasons.Single(r => r.RuleId == "US-REGF-CALLFREQ-POSTCONV").Result.Reason
                    .ShouldStartWith($"A telephone conversation about {account} took place on ");
            }
            else
            {
                d.Decision.Reasons.ShouldNotContain(r => r.RuleId == "US-REGF-CALLFREQ-POSTCONV");
            }
        });

    [Fact]
    public void With_a_recorded_history_a_call_in_hours_is_decided_not_sent_to_a_person()
    {
        var account = AccountId.New();
        var noon = Instant.FromUtc(2026, 11, 10, 17, 0);
        var profile = new ContactProfile(
            account, "REF-1", null,
            [new ContactPostalAddress("1 Main St", null, "Boston", "02110", Jurisdiction.Parse("US-MA"), "America/New_York")],
            [new ContactPhone("+16175550123", ContactPhoneKind.Mobile, true, true)], [], []);

        var d = ContactEligibility.Decide(Gate, profile, Channel.Call, noon, new ContactHistoryFacts(noon - Duration.FromDays(32), noon + Duration.FromDays(32), []));

        d.Decision.Verdict.ShouldBe(Verdict.Allow);
        d.Decision.MissingFacts.ShouldBeEmpty();
        d.Built.FactNotes.ShouldContain(n => n.StartsWith("contact history: 0 contact(s) recorded from 2026-10-09 to 2026-12-12 (calls 0", StringComparison.Ordinal));
        d.Built.FactNotes.ShouldNotContain(StoredAccountFacts.HistoryNote);
    }
}
