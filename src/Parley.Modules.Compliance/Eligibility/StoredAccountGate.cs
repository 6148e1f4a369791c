using NodaTime;
using NodaTime.Text;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Eligibility;

/// <summary>The gate other modules and the hosts resolve (<see cref="IComplianceGate"/>): contact eligibility in the contract's words.</summary>
internal sealed class StoredAccountGate(ContactEligibility eligibility, IClock clock) : IComplianceGate
{
    public async Task<ContactCheck> CheckAsync(AccountId accountId, Instant? at, CancellationToken cancellationToken)
    {
        var when = at ?? clock.GetCurrentInstant();
        var response = await eligibility.HandleAsync(accountId, when, cancellationToken);
        return new ContactCheck(accountId, when, response.CustomerTimeZone, [.. response.Channels.Select(Decision)], response.Facts);
    }

    public async Task<ContactCheck> EvaluateAsync(ContactProposal proposal, CancellationToken cancellationToken)
    {
        var when = proposal.At ?? clock.GetCurrentInstant();
        var decision = await eligibility.ExplainAsync(proposal.AccountId, Channel(proposal.Channel), when, cancellationToken);
        return new ContactCheck(
            proposal.AccountId,
            when,
            decision.Built.CustomerZone.Id,
            [Decision(ContactEligibility.Describe(decision, when))],
            [.. decision.Built.FactNotes.Where(n => !n.StartsWith("to: ", StringComparison.Ordinal))])
        {
            DecisionId = decision.LoggedAs,
        };
    }

    private static ChannelDecision Decision(ChannelEligibility c) => new(
        c.Channel,
        c.To,
        c.Allowed,
        c.Decision,
        c.RuleIds,
        c.Reason,
        c.Reasons,
        c.NextLawfulAtUtc is { } next ? InstantPattern.ExtendedIso.Parse(next).Value : null,
        c.Summary,
        c.Explanation);

    private static Channel Channel(ContactChannel channel) => channel switch
    {
        ContactChannel.Call => Contracts.Channel.Call,
        ContactChannel.Sms => Contracts.Channel.Sms,
        ContactChannel.Email => Contracts.Channel.Email,
        ContactChannel.Letter => Contracts.Channel.Letter,
    };
}
