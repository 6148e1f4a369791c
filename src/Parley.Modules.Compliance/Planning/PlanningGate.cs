using System.Collections.Concurrent;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.DecisionLog;
using Parley.Modules.Compliance.Eligibility;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Scenarios;
using Parley.Modules.Compliance.Time;

namespace Parley.Modules.Compliance.Planning;

/// <summary>
/// The planners' gate (<see cref="IPlanningGate"/>): each evaluation is the stored-account gate's own
/// (<c>ContactEligibility.Decide</c>: the same facts, rules, holds, history and preferences), only on facts read
/// for a whole page at once; the decisions kept are appended in bulk (<see cref="DecisionLogBulk"/>).
/// </summary>
internal sealed class PlanningGate(ComplianceGate gate, DecisionLogBulk log) : IPlanningGate
{
    // One run's pages share the phone numbers' zones.
    private readonly PhoneZoneCache phoneZones = new();

    public IPlanningBatch StartBatch() => new Batch(gate, log, phoneZones);

    private sealed class Batch(ComplianceGate gate, DecisionLogBulk log, PhoneZoneCache phoneZones) : IPlanningBatch
    {
        // Sized for a page's evaluations, so the threads never wait on a resize (which takes every lock).
        private readonly ConcurrentDictionary<int, AccountDecision> _decisions = new(Environment.ProcessorCount, 16_384);
        private int _next;

        public PlanningVerdict Evaluate(ContactProfile profile, ContactChannel channel, Instant at, ContactHistoryFacts? history, CustomerContactWishes? wishes)
        {
            ArgumentNullException.ThrowIfNull(profile);
            // The planner keeps the verdict, the rules and a refusal's reason, never an allowed decision's prose.
            var decision = ContactEligibility.Decide(gate, profile, Record(channel), at, history, wishes, phoneZones, explainAllowed: false);
            var ticket = Interlocked.Increment(ref _next);
            _decisions[ticket] = decision;
            return new PlanningVerdict(
                ticket,
                channel,
                at,
                decision.Decision.Allowed,
                ScenarioEvaluation.DecisionName(decision.Decision.Verdict),
                decision.Decision.DecidingRuleIds,
                decision.Reason,
                decision.Decision.NextLawfulAt,
                decision.Built.CustomerZone.Id,
                decision.Built.Proposal.To?.Value);
        }

        public async Task<IReadOnlyDictionary<int, long>> LogAsync(IReadOnlyList<int> tickets, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(tickets);
            var records = await log.AppendAsync([.. tickets.Select(t => ContactEligibility.ToLog(_decisions[t]))], cancellationToken);
            var sequences = new Dictionary<int, long>(tickets.Count);
            for (var i = 0; i < tickets.Count; i++)
            {
                sequences[tickets[i]] = records[i];
            }

            return sequences;
        }
    }

    private static Channel Record(ContactChannel channel) => channel switch
    {
        ContactChannel.Call => Channel.Call,
        ContactChannel.Sms => Channel.Sms,
        ContactChannel.Email => Channel.Email,
        ContactChannel.Letter => Channel.Letter,
    };
}
