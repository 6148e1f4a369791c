using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;

namespace Parley.Modules.Outreach.Domain;

/// <summary>Preferences in the words a collections agent reads, and what changed between two sets of them.</summary>
public static class PreferenceText
{
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static IReadOnlyList<string> Differences(ContactPreferences before, ContactPreferences after)
    {
        var changes = new List<string>();
        foreach (var channel in Enum.GetValues<ContactChannel>())
        {
            var was = before.Channels.FirstOrDefault(c => c.Channel == channel);
            var now = after.Channels.FirstOrDefault(c => c.Channel == channel);
            if (Describe(was) != Describe(now))
            {
                changes.Add($"{Medium(channel)}: {Describe(now) ?? "nothing stated"} (was {Describe(was) ?? "nothing stated"})");
            }
        }

        Compare(changes, "allowed days", Days(before.AllowedDays), Days(after.AllowedDays));
        Compare(changes, "allowed hours", Hours(before), Hours(after));
        Compare(changes, "preferred channel", before.PreferredChannel?.Name(), after.PreferredChannel?.Name());
        Compare(changes, "preferred language", before.PreferredLanguage, after.PreferredLanguage);
        Compare(changes, "no contact until", before.PausedUntil?.ToString(), after.PausedUntil?.ToString());
        Compare(changes, "inconvenient times", Windows(before.InconvenientTimes), Windows(after.InconvenientTimes));
        return changes;
    }

    public static string Medium(ContactChannel channel) => channel switch
    {
        ContactChannel.Call => "calls",
        ContactChannel.Sms => "texts",
        ContactChannel.Email => "e-mails",
        ContactChannel.Letter => "letters",
    };

    public static string Window(LocalTime from, LocalTime to, IReadOnlyCollection<IsoDayOfWeek> days) =>
        $"{Time.Format(from)}–{Time.Format(to)} {(days.Count == 0 ? "every day" : "on " + Days(days))}";

    public static string Days(IReadOnlyCollection<IsoDayOfWeek> days) =>
        days.Count == 0 ? "" : string.Join(", ", days.Order().Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName((DayOfWeek)((int)d % 7))));

    private static string? Describe(ChannelPreference? p) => p is null || p.Consent == ChannelConsent.NotStated
        ? null
        : $"{(p.Consent == ChannelConsent.OptedIn ? "opted in" : "opted out")} ({Source(p.Source)}: {p.Evidence})";

    private static string Source(ConsentSource source) => source switch
    {
        ConsentSource.Spoken => "said so",
        ConsentSource.InWriting => "in writing",
        ConsentSource.Electronic => "electronically",
        ConsentSource.ReplyStop => "replied STOP",
        ConsentSource.Creditor => "from the creditor",
        ConsentSource.PlacementFile => "in the placement file",
    };

    private static string? Hours(ContactPreferences p) => p.AllowedFrom is { } from && p.AllowedTo is { } to ? $"{Time.Format(from)}–{Time.Format(to)}" : null;

    private static string Windows(IReadOnlyList<InconvenientTimeWindow> windows) => string.Join("; ", windows.Select(w => Window(w.From, w.To, w.Days)));

    private static void Compare(List<string> changes, string what, string? before, string? after)
    {
        if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
        {
            changes.Add($"{what}: {(string.IsNullOrEmpty(after) ? "none" : after)} (was {(string.IsNullOrEmpty(before) ? "none" : before)})");
        }
    }
}
