using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.Creditors;

/// <summary><c>POST /api/creditors</c>, the Creditors page and <c>parley creditors add</c>: a creditor must exist before its placements import.</summary>
public sealed partial class CreateCreditor(ParleyDbContext db) : IUseCase<CreateCreditorRequest, CreditorView>
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/creditors", async Task<Created<CreditorView>> (CreateCreditorRequest request, ClaimsPrincipal user, CreateCreditor handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(Actor.From(user), request, ct);
                return TypedResults.Created($"/api/creditors/{created.Id}", created);
            })
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateCreditor")
            .WithSummary("Add a creditor with its currency and collection policy (admins); the code must be new.")
            .WithTags("Creditors");

    public async Task<CreditorView> HandleAsync(Actor actor, CreateCreditorRequest request, CancellationToken cancellationToken)
    {
        // An agency decision (admins); the operator's `parley creditors add` and the demo seed run as Parley itself.
        actor.MustBeStaff("add a creditor", [StaffRoles.Admin], allowSystem: true);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new Dictionary<string, string[]>();
        var code = (request.Code ?? "").Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code))
        {
            problems["code"] = ["The code must be 1–40 characters: letters, digits, '-' or '_', starting with a letter or digit."];
        }

        var name = (request.Name ?? "").Trim();
        if (name.Length is 0 or > 200)
        {
            problems["name"] = ["The name is required and at most 200 characters."];
        }

        if (!SharedKernel.Currency.TryFromCode((request.Currency ?? "").Trim().ToUpperInvariant(), out var currency))
        {
            problems["currency"] = [$"'{request.Currency}' is not a supported ISO 4217 currency."];
        }

        var policy = CreditorPolicyInput.Read(currency, PolicyFields.Of(request), current: null, problems);
        if (policy is null || currency is null)
        {
            throw new DomainException(new CreditorInvalid(problems));
        }

        if (await db.Set<Creditor>().AnyAsync(c => c.Code == code, cancellationToken))
        {
            throw new DomainException(new CreditorCodeTaken(code));
        }

        var creditor = new Creditor(code, name, currency, policy);
        db.Add(creditor);
        await db.SaveChangesAsync(cancellationToken);
        return CreditorViews.From(creditor);
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
