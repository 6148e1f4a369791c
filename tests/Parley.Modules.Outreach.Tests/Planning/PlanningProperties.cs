using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Facts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Outreach.Tests.Planning;

/// <summary>
/// Across random zones, DST change days and preference sets: nothing is planned outside the law's hours, the
/// customer's days and hours, their inconvenient times or their opt-outs; and where nothing is planned, no lawful
/// instant the customer allows was missed (checked every 15 minutes of the horizon on every channel the step may use).
/// </summary>
public sealed class PlanningProperties
{
    private static readonly (string Zone, string State, string Area)[] Places =
    [
        ("America/New_York", "US-PA", "+1215"), ("America/Chicago", "US-IL", "+1312"), ("America/Denver", "US-CO", "+1303"),
        ("America/Los_Angeles", "US-CA", "+1213"), ("America/Phoenix", "US-AZ", "+1602"), ("Pacific/Honolulu", "US-HI", "+1808"), ("America/Anchorage", "US-AK", "+1907"),
    ];

    private static readonly Instant[] DstDays = [Instant.FromUtc(2026, 3, 8, 0, 0), Instant.FromUtc(2026, 11, 1, 0, 0), Instant.FromUtc(2026, 6, 15, 0, 0)];

    private static readonly IsoDayOfWeek[] Week = [.. Enumerable.Range(1, 7).Select(d => (IsoDayOfWeek)d)];

    private sealed record Case(int Place, Instant AsOf, ContactPreferences Preferences, int Rung);

    private static readonly Gen<ContactPreferences> Preferences =
        Gen.Select(Gen.Int[0, 127], Gen.Int[0, 2], Gen.Int[6, 22], Gen.Int[1, 10], Gen.Int[0, 3], Gen.Int[0, 4], Gen.Int[7, 20])
            .Select((days, hours, from, length, optOuts, preferred, inconvenient) => ContactPreferences.None with
            {
                AllowedDays = days < 32 ? [] : [.. Week.Where((_, i) => (days & (1 << i)) != 0)],
                AllowedFrom = hours == 0 ? null : new LocalTime(from, 0),
                AllowedTo = hours == 0 ? null : new LocalTime(Math.Min(23, from + length), 0),
                Channels = [.. new[] { ContactChannel.Email, ContactChannel.Sms }.Where((_, i) => (optOuts & (1 << i)) != 0)
                    .Select(c => new ChannelPreference(c, ChannelConsent.OptedOut, ConsentSource.InWriting, "letter"))],
                PreferredChannel = preferred switch { 1 => ContactChannel.Email, 2 => ContactChannel.Sms, 3 => ContactChannel.Letter, _ => null },
                InconvenientTimes = inconvenient < 12 ? [] : [new InconvenientTimeWindow(new LocalTime(inconvenient, 0), new LocalTime(inconvenient + 2, 0), [], "work")],
            });

    private static readonly Gen<Case> Cases =
        Gen.Select(Gen.Int[0, Places.Length - 1], Gen.Int[0, DstDays.Length - 1], Gen.Int[0, 48 * 60], Preferences, Gen.Int[0, 4])
            .Select((place, day, minutes, preferences, rung) => new Case(place, DstDays[day] + Duration.FromMinutes(minutes), preferences, rung));

    [Fact]
    public async Task No_planned_contact_falls_outside_the_window_preferences_or_opt_outs_and_no_refusal_misses_an_allowed_instant()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = database.Scope();
        var gate = scope.ServiceProvider.GetRequiredService<IPlanningGate>();
        Cases.Sample(c =>
        {
            var (zoneId, state, area) = Places[c.Place];
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            var account = new ContactableAccount(AccountId.New(), CustomerId.New(), CreditorId.New(), AccountStatus.Open, DelinquencyBucket.Dpd31To60);
            var profile = new ContactProfile(account.AccountId, "D-1", null,
                [new ContactPostalAddress("1 Main St", null, "Town", "10000", Jurisdiction.Parse(state), zoneId)],
                [new ContactPhone($"{area}5550142", ContactPhoneKind.Mobile, true, true)],
                [new ContactEmail("pat@example.com", false, true)],
                []);
            List<LadderRow> ladder = c.Rung == 0 ? [] :
                [new LadderRow(account.AccountId, c.Rung - 1, ContactLadder.Default(c.Rung - 1).Step, PlannedContactStatus.Sent, c.AsOf - Duration.FromDays(20), c.AsOf - Duration.FromDays(20), "earlier")];
            var history = new ContactHistoryFacts(c.AsOf - Duration.FromDays(32), c.AsOf + Duration.FromDays(32), []);
            var wishes = CustomerPreferencesReader.Wishes(c.Preferences, c.AsOf - Duration.FromDays(40));
            var facts = new PlanningFacts(account, profile, history, c.Preferences, wishes, ladder);
            var until = c.AsOf + PlanOutreach.Horizon;
            var batch = gate.StartBatch();

            var plan = DayPlanner.Plan(facts, batch, c.AsOf, until);

            var step = ContactLadder.Default(c.Rung).Step;
            var channels = DayPlanner.Channels(step, profile, c.Preferences).Select(x => x.Channel).ToList();
            if (plan.Outcome == PlanOutcome.Planned)
            {
                var row = plan.Row!;
                row.ScheduledAt.ShouldBeGreaterThanOrEqualTo(c.AsOf);
                row.ScheduledAt.ShouldBeLessThan(until);
                Allowed(row.ScheduledAt.InZone(zone).LocalDateTime, c.Preferences).ShouldBeTrue($"{row.ScheduledAt.InZone(zone)} for {c}");
                channels.ShouldContain(row.Channel);
                c.Preferences.Channels.ShouldNotContain(p => p.Channel == row.Channel);
                batch.Evaluate(profile, row.Channel, row.ScheduledAt, history, wishes).Allowed.ShouldBeTrue();
                return;
            }

            // Nothing planned: every quarter hour of the horizon the customer allows is refused by the gate on every channel the step may use.
            plan.Outcome.ShouldBe(PlanOutcome.Blocked, $"{plan.Why} for {c}");
            for (var at = c.AsOf; at < until; at += Duration.FromMinutes(15))
            {
                if (!Allowed(at.InZone(zone).LocalDateTime, c.Preferences))
                {
                    continue;
                }

                foreach (var channel in channels)
                {
                    batch.Evaluate(profile, channel, at, history, wishes).Allowed.ShouldBeFalse($"{channel} at {at.InZone(zone)} was open, yet the plan said: {plan.Row?.CancelReason} ({c})");
                }
            }
        }, iter: 150);
    }

    /// <summary>The law's hours (08:00–21:00 local), the customer's days and hours, and outside their inconvenient times.</summary>
    private static bool Allowed(LocalDateTime local, ContactPreferences p)
    {
        var t = local.TimeOfDay;
        if (t < new LocalTime(8, 0) || t >= new LocalTime(21, 0))
        {
            return false;
        }

        if (p.AllowedDays.Count > 0 && !p.AllowedDays.Contains(local.DayOfWeek))
        {
            return false;
        }

        if (p.AllowedFrom is { } from && p.AllowedTo is { } to && (t < from || t >= to))
        {
            return false;
        }

        return !p.InconvenientTimes.Any(w => t >= w.From && t < w.To);
    }
}
