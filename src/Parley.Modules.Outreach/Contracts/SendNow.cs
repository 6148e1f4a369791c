using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Contracts;

/// <summary>
/// A message a member of staff sends now from the account (a reminder by text while the customer is on the phone, the
/// validation notice by e-mail): it passes the gate now, joins the plan due now, and the sender re-checks and sends it.
/// <paramref name="IdempotencyKey"/> names the request (one per form), so a double click queues one message;
/// <paramref name="Tone"/> and <paramref name="Language"/> default to supportive and the customer's language.
/// </summary>
public sealed record SendContactNowRequest(
    AccountId Account,
    ContactChannel Channel,
    MessagePurpose Purpose,
    string Reason,
    string IdempotencyKey,
    MessageTone? Tone = null,
    string? Language = null);

/// <summary>The gate refused the message now: why, the rules, and the next instant it would allow (when there is one).</summary>
public sealed record ContactNotAllowedNow(ContactChannel Channel, string Reason, IReadOnlyList<string> RuleIds, Instant? NextLawfulAt)
    : DomainError("outreach.not_allowed_now", $"A {Channel.Name()} cannot go now: {Reason}", ErrorKind.Conflict);

/// <summary>A request naming something that cannot be sent, by its field.</summary>
public sealed record SendNowInvalid(string Field, string Problem)
    : DomainError("outreach.send_now_invalid", $"{Field}: {Problem}", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [Field] = [Problem] };
}
