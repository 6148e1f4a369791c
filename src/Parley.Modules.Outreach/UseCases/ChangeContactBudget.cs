using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.UseCases;

/// <summary>The HTTP body of <c>PUT /api/creditors/{id}/contact-budget</c>.</summary>
public sealed record ChangeContactBudgetBody(ContactBudget Budget, string Reason)
{
    public ChangeContactBudgetRequest For(CreditorId creditor) => new(creditor, Budget, Reason);
}

/// <summary>
/// Sets a creditor's contact budget, with a reason. Contact intensity is a policy decision: an administrator or a
/// compliance officer who works for the creditor makes it; the gate applies it from the next check.
/// </summary>
public sealed class ChangeContactBudget(ParleyDbContext db, ICreditorDirectory creditors, IClock clock) : IUseCase<ChangeContactBudgetRequest, ContactBudgetView>
{
    /// <summary>Reg F §1006.14(b)(2)'s presumption: 7 calls in 7 days. A creditor's budget may only be lower.</summary>
    public const int MaxCallsPer7Days = 7;

    /// <summary>No legal cap counts messages, so a generous ceiling keeps a typo (700) from reading as a policy.</summary>
    public const int MaxMessagesPer7Days = 21;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/creditors/{id}/contact-budget", async Task<Ok<ContactBudgetView>> (CreditorId id, ChangeContactBudgetBody body, ClaimsPrincipal user, ChangeContactBudget handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body.For(id), ct)))
            .RequireAuthorization(StaffPolicies.Compliance)
            .WithName("ChangeContactBudget")
            .WithSummary("Set the creditor's ceiling on contacts with one customer per channel in any 7 days (administrators and compliance officers).");

    public async Task<ContactBudgetView> HandleAsync(Actor actor, ChangeContactBudgetRequest request, CancellationToken cancellationToken)
    {
        // Parley itself too: a creditor's onboarding (and the demo) sets the policy it was given.
        actor.MustBeStaff("change a creditor's contact budget", [StaffRoles.Admin, StaffRoles.Compliance], allowSystem: true);
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
        {
            throw new DomainException(new ContactBudgetInvalid("reason", "must say why (1 to 500 characters)"));
        }

        var budget = request.Budget ?? throw new DomainException(new ContactBudgetInvalid("budget", "is required"));
        MustFit("budget.callsPer7Days", budget.CallsPer7Days, MaxCallsPer7Days);
        MustFit("budget.textsPer7Days", budget.TextsPer7Days, MaxMessagesPer7Days);
        MustFit("budget.emailsPer7Days", budget.EmailsPer7Days, MaxMessagesPer7Days);
        MustFit("budget.lettersPer7Days", budget.LettersPer7Days, MaxMessagesPer7Days);
        await GetContactBudget.MustFindAsync(actor, creditors, request.Creditor, cancellationToken);

        var now = clock.GetCurrentInstant();
        var stored = await db.Set<CreditorContactBudget>().SingleOrDefaultAsync(b => b.CreditorId == request.Creditor, cancellationToken);
        if (stored is null)
        {
            db.Add(new CreditorContactBudget(request.Creditor, budget, now, actor.Name, reason));
        }
        else
        {
            stored.Change(budget, now, actor.Name, reason);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await GetContactBudget.ReadAsync(db, request.Creditor, cancellationToken);
    }

    private static void MustFit(string field, int? value, int max)
    {
        if (value is { } v && (v < 0 || v > max))
        {
            throw new DomainException(new ContactBudgetInvalid(field, $"must be between 0 and {max} (or left out for no ceiling of the creditor's own)"));
        }
    }
}
