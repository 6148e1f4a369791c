using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Calls;

public sealed record CallTaskNotFound(CallTaskId Task)
    : DomainError("outreach.call_task_not_found", $"Call task {Task} does not exist.", ErrorKind.NotFound);

public sealed record CallTaskNotOpen(CallTaskId Task, CallTaskStatus Status)
    : DomainError("outreach.call_task_not_open", $"Call task {Task} is {Status.ToString().ToLowerInvariant()}, not open.", ErrorKind.Conflict);

public sealed record CallOutcomeRequired(ContactOutcome Outcome)
    : DomainError("outreach.call_outcome_required", $"'{Outcome}' is not what a call comes to: give no answer, voicemail, right-party contact, a promise, …", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["outcome"] = [Detail] };
}

/// <summary>The HTTP body of <c>POST /api/call-tasks/{id}/complete</c>; the task comes from the route.</summary>
public sealed record CompleteCallTaskBody(string Number, ContactOutcome Outcome, string IdempotencyKey, Instant? At = null, string? Note = null)
{
    public CompleteCallTaskRequest For(CallTaskId task) => new(task, Number, Outcome, IdempotencyKey, At, Note);
}

/// <summary>
/// An agent or a dialler made the call: it is recorded as a contact attempt with its outcome (through
/// <see cref="RecordContactAttempt"/>, once per idempotency key, with the task's compliance decision) and the task is done.
/// Staff of the account's creditor only; another creditor's task answers as one that does not exist.
/// </summary>
public sealed class CompleteCallTask(ParleyDbContext db, RecordContactAttempt record, IClock clock) : IUseCase<CompleteCallTaskRequest, CallTaskView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/call-tasks/{id}/complete", async Task<Ok<CallTaskView>> (CallTaskId id, CompleteCallTaskBody body, ClaimsPrincipal user, CompleteCallTask handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body.For(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("CompleteCallTask")
            .WithSummary("Record the call a task asked for (number, outcome, the dialler's call id as idempotency key) and close the task.");

    public async Task<CallTaskView> HandleAsync(Actor actor, CompleteCallTaskRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("complete a call task", [], allowSystem: true);
        if (request.Outcome is not (ContactOutcome.NotConnected or ContactOutcome.NoAnswer or ContactOutcome.Voicemail or ContactOutcome.WrongNumber
            or ContactOutcome.RightPartyContact or ContactOutcome.Promise or ContactOutcome.Refusal or ContactOutcome.Dispute or ContactOutcome.AskedForNoContact))
        {
            throw new DomainException(new CallOutcomeRequired(request.Outcome));
        }

        var task = await db.Set<CallTask>().SingleOrDefaultAsync(t => t.Id == request.Task, cancellationToken) ?? throw new DomainException(new CallTaskNotFound(request.Task));
        actor.MustSee(task.CreditorId, new CallTaskNotFound(request.Task));
        if (task.Status != CallTaskStatus.Open)
        {
            // The same call reported twice (a dialler's retry) answers with the task as it was closed.
            if (task.Status == CallTaskStatus.Done && task.Attempt is not null)
            {
                return ListCallTasks.View(task);
            }

            throw new DomainException(new CallTaskNotOpen(request.Task, task.Status));
        }

        var attempt = await record.HandleAsync(actor, new RecordContactAttemptRequest(
            task.AccountId, ContactChannel.Call, request.Number, request.IdempotencyKey, ContactDirection.Outbound, request.At, request.Outcome,
            ComplianceDecision: task.ComplianceDecision, Note: request.Note), cancellationToken);
        task.Complete(attempt.Id, request.Outcome, actor.Name, clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        return ListCallTasks.View(task);
    }
}
