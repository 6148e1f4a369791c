using Parley.Modules.Accounts.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// A letter's envelope: the customer's name and the postal address the gate chose (its <c>line 1, city postcode</c>
/// form), one line each — what <see cref="LetterSender"/> prints and the print vendor's manifest lists.
/// </summary>
public sealed class LetterRecipients(IUseCase<GetMessageAccountsRequest, IReadOnlyDictionary<AccountId, MessageAccount>> accounts)
{
    private static readonly Actor Reader = Actor.System("outreach letters");

    /// <summary>The envelope's lines joined by line breaks, or the chosen address as it is when the account has gone.</summary>
    public async Task<string> ForAsync(AccountId account, string chosen, CancellationToken cancellationToken)
    {
        var found = await accounts.HandleAsync(Reader, new GetMessageAccountsRequest([account]), cancellationToken);
        return found.TryGetValue(account, out var a) ? For(a, chosen) : chosen;
    }

    /// <summary>The envelope from what a sender's batch read to render the letter.</summary>
    public static string For(MessageAccount account, string chosen)
    {
        ArgumentNullException.ThrowIfNull(account);
        var address = account.Addresses.FirstOrDefault(a => string.Equals($"{a.Line1}, {a.City} {a.PostalCode}", chosen, StringComparison.OrdinalIgnoreCase))
            ?? account.PrimaryAddress;
        if (address is null)
        {
            return chosen;
        }

        string?[] lines = [$"{account.GivenName} {account.FamilyName}".Trim(), address.Line1, address.Line2, $"{address.City} {address.PostalCode}".Trim()];
        return string.Join('\n', lines.Where(l => !string.IsNullOrWhiteSpace(l)));
    }
}
