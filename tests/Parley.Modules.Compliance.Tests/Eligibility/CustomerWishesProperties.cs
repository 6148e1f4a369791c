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
/// The customer's allowed hours (<see cref="ICustomerContactPreferences"/>) are kept in their own zone: a call inside
/// the law's hours is allowed iff it falls inside the hours they allowed, and refused as a time they designated otherwise.
/// </summary>
public sealed class CustomerWishesProperties
{
    private static readonly ComplianceGate Gate = new();

    private static readonly (string Zone, string Phone)[] Homes =
    [
        ("America/New_York", "+12125550142"), ("America/Chicago", "+13125550142"), ("America/Denver", "+13035550142"),
        ("America/Phoenix", "+16025550142"), ("America/Los_Angeles", "+12135550142"), ("Pacific/Honolulu", "+18085550142"),
    ];

    [Fact]
    public void A_call_in_the_laws_hours_is_allowed_iff_it_falls_in_the_hours_the_customer_allowed() =>
        Gen.Select(
            Gen.Int[0, Homes.Length - 1],
            Gen.Int[20, 330],
            Gen.Int[16, 28].Select(h => new LocalTime(h / 2, h % 2 * 30)),
            Gen.Int[2, 12],
            Gen.Int[17 * 2, 41 * 2 - 1].Select(m => LocalTime.FromMinutesSinceMidnight(m * 15)),
            (home, day, from, halfHours, time) => (home, day, from, halfHours, time))
        .Sample(c =>
        {
            var (zoneId, phone) = Homes[c.home];
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            var to = c.from.PlusMinutes(c.halfHours * 30);
            var date = new LocalDate(2026, 1, 1).PlusDays(c.day);
            var at = zone.AtLeniently(date + c.time).ToInstant();
            var account = AccountId.New();
            var profile = new ContactProfile(
                account, "REF-1", null,
                [new ContactPostalAddress("1 Main St", null, "Springfield", "17101", Jurisdiction.Parse("US-PA"), zoneId)],
                [new ContactPhone(phone, ContactPhoneKind.Mobile, ConsentToCall: true, ConsentToSms: true)], [], []);
            var wishes = new CustomerContactWishes([], [new NamedInconvenientTime(to, c.from, [], at - Duration.FromDays(1), "allowed hours")], null);

            var d = ContactEligibility.Decide(Gate, profile, Channel.Call, at, new ContactHistoryFacts(at - Duration.FromDays(32), at + Duration.FromDays(32), []), wishes);

            var inside = c.time >= c.from && c.time < to;
            d.Decision.Allowed.ShouldBe(inside, $"{c} in {zoneId}: {d.Decision.Explanation}");
            if (!inside)
            {
                d.Decision.Reasons.ShouldHaveSingleItem().RuleId.ShouldBe("US-REGF-TIME-DESIGNATED");
                d.Decision.Reasons[0].Result.Reason.ShouldBe("The consumer designated this time as inconvenient.");
                // The next lawful instant opens their allowed hours (08:00 itself is not after 8 a.m., so the law moves it on a minute).
                var next = d.Decision.NextLawfulAt.ShouldNotBeNull().InZone(zone).LocalDateTime;
                next.Date.ShouldBe(c.time < c.from ? date : date.PlusDays(1));
                next.TimeOfDay.ShouldBe(c.from == new LocalTime(8, 0) ? new LocalTime(8, 1) : c.from);
            }
        });
}
