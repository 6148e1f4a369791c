using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Compliance.DecisionLog;

/// <summary>
/// Walks the decision log's hash chain (the database's, or a JSON-lines log the caller read) and names the first edited,
/// deleted or reordered record. Compliance officers and admins, and Parley itself (<c>parley compliance verify-log</c>).
/// </summary>
public sealed class VerifyDecisionLog(DecisionLogStore store) : IUseCase<VerifyDecisionLogRequest, LogVerification>
{
    public async Task<LogVerification> HandleAsync(Actor actor, VerifyDecisionLogRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("verify the decision log", [StaffRoles.Compliance, StaffRoles.Admin], allowSystem: true);
        if (request.JsonLines is not { } lines)
        {
            return await store.VerifyAsync(cancellationToken);
        }

        try
        {
            return DecisionLog.Verify(DecisionLog.ReadJsonLines(lines));
        }
        catch (FormatException e)
        {
            throw new DomainException(new UnreadableDecisionLog(e.Message));
        }
    }
}
