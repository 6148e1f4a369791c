using NodaTime;
using NodaTime.Text;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Contracts;

/// <summary>
/// Whether an account's customer may be contacted at <paramref name="At"/> (null: now): every channel, or only
/// <paramref name="Channel"/>. Any member of staff who works for the account's creditor may ask (and Parley itself, for
/// the operator's CLI); every answer is appended to the decision log.
/// </summary>
public sealed record CheckContactEligibilityRequest(AccountId Account, Instant? At = null, ContactChannel? Channel = null);

public sealed record InvalidInstant(string Text)
    : DomainError("compliance.invalid_instant", $"'{Text}' is not an ISO 8601 instant such as 2026-11-10T14:00:00Z.", ErrorKind.Validation);

/// <summary>The channels by the names the API, the CLI and the scenario format use.</summary>
public static class ContactChannels
{
    private static readonly OffsetDateTimePattern InstantPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>");

    public static string Name(this ContactChannel channel) => channel switch
    {
        ContactChannel.Call => "call",
        ContactChannel.Sms => "sms",
        ContactChannel.Email => "email",
        ContactChannel.Letter => "letter",
    };

    /// <summary><c>call</c>, <c>sms</c>, <c>email</c> or <c>letter</c>, in any case; nothing else (not a number).</summary>
    public static bool TryParse(string? text, out ContactChannel channel)
    {
        foreach (var candidate in Enum.GetValues<ContactChannel>())
        {
            if (string.Equals(candidate.Name(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                channel = candidate;
                return true;
            }
        }

        channel = default;
        return false;
    }

    /// <summary>An ISO 8601 instant with an offset or Z (e.g. <c>2026-11-10T14:00:00Z</c>); refuses anything else with <see cref="InvalidInstant"/>.</summary>
    public static Instant ParseInstant(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = InstantPattern.Parse(text.Trim());
        return parsed.Success ? parsed.Value.ToInstant() : throw new DomainException(new InvalidInstant(text));
    }
}
