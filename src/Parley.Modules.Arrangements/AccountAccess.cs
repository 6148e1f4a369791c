using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Simulation;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Arrangements;

/// <summary>How every use case of the module reaches an account: through its policy, and only within the actor's creditors.</summary>
internal static class AccountAccess
{
    /// <summary>
    /// The account's arrangement policy when <paramref name="actor"/> works for its creditor; an account outside the
    /// actor's scope answers exactly as one that does not exist, so ids cannot be probed.
    /// </summary>
    public static async Task<AccountArrangementPolicy> PolicyForAsync(this IAccountArrangementPolicies policies, Actor actor, AccountId account, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(account, cancellationToken) ?? throw new DomainException(new ArrangementAccountNotFound(account));
        actor.MustSee(policy.CreditorId, new ArrangementAccountNotFound(account));
        return policy;
    }
}
