using Parley.Modules.Accounts.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// A letter's envelope: the customer's name and the postal address the gate chose (its <c>line 1, city postcode</c>
/// form), one line each — what <see cref="LetterSender"/> prints and the print vendor's manifest lists.
/// </summary>
public sealed class LetterRecipients(IUseCase<GetAccountDetailsRequest, AccountDetails> details)
{
    private static readonly Actor Reader = Actor.System("outreach letters");

    /// <summary>The envelope's lines joined by line breaks, or the chosen address as it is when the account has gone.</summary>
    public async Task<string> ForAsync(AccountId account, string chosen, CancellationToken cancellationToken)
    {
        AccountDetails d;
        try
        {
            d = await details.HandleAsync(Reader, new GetAccountDetailsRequest(account), cancellationToken);
        }
        catch (DomainException)
        {
            return chosen;
        }

        return For(d, chosen);
    }

    /// <summary>The envelope from details already read (a sender's batch read them to render the letter).</summary>
    public static string For(AccountDetails d, string chosen)
    {
        ArgumentNullException.ThrowIfNull(d);
        var address = d.Customer.Addresses.FirstOrDefault(a => string.Equals($"{a.Line1}, {a.City} {a.PostalCode}", chosen, StringComparison.OrdinalIgnoreCase))
            ?? d.Customer.Addresses.FirstOrDefault();
        if (address is null)
        {
            return chosen;
        }

        string?[] lines = [$"{d.Customer.GivenName} {d.Customer.FamilyName}".Trim(), address.Line1, address.Line2, $"{address.City} {address.PostalCode}".Trim()];
        return string.Join('\n', lines.Where(l => !string.IsNullOrWhiteSpace(l)));
    }
}
