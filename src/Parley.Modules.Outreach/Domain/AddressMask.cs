using PhoneNumbers;
using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Outreach.Domain;

/// <summary>How an address shows in every view: enough to tell two apart, not enough to use.</summary>
public static class AddressMask
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary><c>j***@example.com</c>, <c>+1 *** *** 0142</c>, <c>*** Springfield 01101</c> (a postal address keeps its last part).</summary>
    public static string Mask(ContactChannel channel, string address) => channel switch
    {
        ContactChannel.Call or ContactChannel.Sms => Phone(address),
        ContactChannel.Email => Email(address),
        ContactChannel.Letter => Postal(address),
    };

    private static string Phone(string e164)
    {
        var digits = new string([.. e164.Where(char.IsAsciiDigit)]);
        var last = digits.Length >= 4 ? digits[^4..] : "";
        var country = TryCountryCode(e164) is { } code ? $"+{code} " : "";
        return $"{country}*** *** {last}".Trim();
    }

    private static int? TryCountryCode(string e164)
    {
        try
        {
            return Phones.Parse(e164, null).CountryCode;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private static string Email(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }

    private static string Postal(string address)
    {
        var comma = address.LastIndexOf(',');
        return comma < 0 ? "***" : $"*** {address[(comma + 1)..].Trim()}";
    }
}
