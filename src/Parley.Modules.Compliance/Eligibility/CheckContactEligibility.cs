using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Compliance.Eligibility;

/// <summary>
/// The account page's (and <c>parley compliance explain</c>'s) question to the gate: may this customer be contacted, on
/// every channel or on one. The gate itself (<see cref="IComplianceGate"/>) serves other modules without an actor; this
/// use case checks the actor's role and the account's creditor first.
/// </summary>
public sealed class CheckContactEligibility(ContactEligibility eligibility, IComplianceGate gate) : IUseCase<CheckContactEligibilityRequest, ContactCheck>
{
    public async Task<ContactCheck> HandleAsync(Actor actor, CheckContactEligibilityRequest request, CancellationToken cancellationToken)
    {
        await eligibility.GuardAsync(actor, request.Account, cancellationToken);
        return request.Channel is { } channel
            ? await gate.EvaluateAsync(new ContactProposal(request.Account, channel, request.At), cancellationToken)
            : await gate.CheckAsync(request.Account, request.At, cancellationToken);
    }
}
