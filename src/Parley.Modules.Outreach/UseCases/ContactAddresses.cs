using System.Text.RegularExpressions;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.UseCases;

/// <summary>The address a contact used, checked for its channel: an E.164 number, an e-mail address, a postal address.</summary>
internal static partial class ContactAddresses
{
    public static string Normalise(ContactChannel channel, string? address)
    {
        var text = address?.Trim() ?? "";
        if (text.Length is 0 or > 300)
        {
            throw new DomainException(new ContactAddressInvalid(channel, "is required (up to 300 characters)"));
        }

        return channel switch
        {
            ContactChannel.Call or ContactChannel.Sms when !E164().IsMatch(text) =>
                throw new DomainException(new ContactAddressInvalid(channel, "must be a phone number in international form, such as +14155550142")),
            ContactChannel.Email when text.IndexOf('@', StringComparison.Ordinal) is <= 0 || text.EndsWith('@') || text.Contains(' ', StringComparison.Ordinal) =>
                throw new DomainException(new ContactAddressInvalid(channel, "must be an e-mail address, such as jane@example.com")),
            _ => text,
        };
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}

/// <summary>Optional free text on a contact: trimmed, blank as none, and no longer than its column.</summary>
internal static class Texts
{
    public static void MustFit(string field, string? text, int max)
    {
        if (text is { } t && t.Trim().Length > max)
        {
            throw new DomainException(new ContactTextTooLong(field, max));
        }
    }

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
