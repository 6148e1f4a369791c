using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Collection;

/// <summary>
/// <see cref="ICollectionControls"/> from the stored account: the holds active at the instant (<see cref="CollectionHolds"/>)
/// and its statute-of-limitations status (<see cref="TimeBar"/>). The holds themselves are the evidence, so a hold stops
/// collection whatever else is known about the customer; UK rule ids apply to a customer whose primary address (or, without
/// one, phone) is in the UK.
/// </summary>
internal sealed class AccountCollectionControls(IContactProfiles profiles) : ICollectionControls
{
    public async Task<CollectionStanding?> GetAsync(AccountId accountId, CollectionStep step, Instant at, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(accountId, at, cancellationToken);
        return profile is null ? null : Standing(profile, step, at);
    }

    public static CollectionStanding Standing(ContactProfile profile, CollectionStep step, Instant at)
    {
        var uk = IsUk(profile);
        var notice = TimeBar.Notice(profile, at);
        var blocks = new List<CollectionBlock>();
        foreach (var kind in CollectionHolds.Stopping)
        {
            var hold = profile.ActiveHolds.FirstOrDefault(h => h.Kind == kind);
            if (hold is not null && CollectionHolds.Block(kind, step, uk) is { } block)
            {
                blocks.Add(block);
            }
        }

        if (TimeBar.Block(profile, notice, step) is { } prescribed)
        {
            blocks.Add(prescribed);
        }

        return new CollectionStanding(profile.AccountId, step, blocks, notice);
    }

    private static bool IsUk(ContactProfile profile) =>
        profile.Addresses.Count > 0
            ? profile.Addresses[0].Jurisdiction.IsUk
            : profile.Phones.Count > 0 && profile.Phones.All(p => p.E164.StartsWith("+44", StringComparison.Ordinal));
}
