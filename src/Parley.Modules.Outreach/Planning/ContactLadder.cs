using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Planning;

/// <summary>One rung of a ladder: the step and how long after the previous rung was sent it is due.</summary>
internal sealed record LadderRung(OutreachStep Step, Duration After);

/// <summary>
/// The rule-based default contact ladder (docs/outreach.md, "Planning"): rung 0 is the Reg F validation notice (the
/// first communication carries it), then reminder (+2 days), offer (+3), check-in (+7), call (+10), repeating from the
/// reminder 14 days after the call. One ladder for every creditor and segment for now; <see cref="For"/> is where a
/// creditor's or a segment's own ladder (and the next issue's learnt strategy) plugs in.
/// </summary>
internal static class ContactLadder
{
    private static readonly LadderRung[] Cycle =
    [
        new(OutreachStep.Reminder, Duration.FromDays(14)),
        new(OutreachStep.Offer, Duration.FromDays(3)),
        new(OutreachStep.CheckIn, Duration.FromDays(7)),
        new(OutreachStep.Call, Duration.FromDays(10)),
    ];

    public static Func<int, LadderRung> For(CreditorId creditor, DelinquencyBucket bucket)
    {
        _ = creditor;
        _ = bucket;
        return Default;
    }

    public static LadderRung Default(int rung) => rung switch
    {
        0 => new(OutreachStep.ValidationNotice, Duration.Zero),
        1 => new(OutreachStep.Reminder, Duration.FromDays(2)),
        _ => Cycle[(rung - 1) % Cycle.Length],
    };

    /// <summary>
    /// Supportive by default; neutral once two steps in a row went unanswered. The default ladder never speaks
    /// "direct", and nothing may for a customer flagged vulnerable or in breathing space.
    /// </summary>
    public static (MessageTone Tone, string Why) Tone(int unanswered, bool vulnerable) =>
        unanswered >= 2
            ? (MessageTone.Neutral, $"tone neutral: {unanswered} steps in a row went unanswered")
            : (MessageTone.Supportive, vulnerable ? "tone supportive: the customer is flagged vulnerable" : "tone supportive: the default");
}
