using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Accounts.Creditors;

/// <summary><c>POST /api/creditors</c> and <c>parley creditors add</c>: a creditor must exist before its placements import.</summary>
public static partial class CreateCreditor
{
    /// <param name="Waterfall">Payment allocation order, default <c>fees&gt;interest&gt;principal</c>.</param>
    /// <param name="MinimumInstalment">Smallest instalment in the creditor's currency, default 25.</param>
    /// <param name="SettlementDiscountMinPercent">Default 0.</param>
    /// <param name="SettlementDiscountMaxPercent">Default 30.</param>
    /// <param name="GraceDays">Days after a plan instalment's due date before it is missed, default 3.</param>
    /// <param name="AllowedMisses">Missed instalments a plan survives before it breaks, default 1.</param>
    /// <param name="AnnualInterestRatePercent">Interest charged a year without an arrangement, percent (19.9 is 19.9 %), 0–100 with at most 4 decimals; default 0.</param>
    /// <param name="MonthlyFee">Fee charged each month without an arrangement, in the creditor's currency with its decimals; default 0.</param>
    /// <param name="FreezeAllowed">Whether a kept arrangement may freeze interest and fees; default true.</param>
    /// <param name="MaxPlanMonths">The longest plan offered without approval, 1–120 months; default 60.</param>
    public sealed record Request(
        string Code,
        string Name,
        string Currency,
        string? Waterfall = null,
        decimal? MinimumInstalment = null,
        decimal? SettlementDiscountMinPercent = null,
        decimal? SettlementDiscountMaxPercent = null,
        int? GraceDays = null,
        int? AllowedMisses = null,
        decimal? AnnualInterestRatePercent = null,
        decimal? MonthlyFee = null,
        bool? FreezeAllowed = null,
        int? MaxPlanMonths = null)
    {
        internal PolicyFields Policy => new(Waterfall, MinimumInstalment, SettlementDiscountMinPercent, SettlementDiscountMaxPercent, AnnualInterestRatePercent, MonthlyFee, FreezeAllowed, MaxPlanMonths, GraceDays, AllowedMisses);
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/creditors", async (Request request, Handler handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/api/creditors/{created.Id}", created);
            })
            .RequireAuthorization(StaffPolicies.Admin)
            .Produces<CreditorView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateCreditor")
            .WithSummary("Add a creditor with its currency and collection policy (admins); the code must be new.")
            .WithTags("Creditors");

    public sealed class Handler(ParleyDbContext db)
    {
        public async Task<CreditorView> HandleAsync(Request request, CancellationToken cancellationToken)
        {
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

            var policy = CreditorPolicyInput.Read(currency, request.Policy, current: null, problems);
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
            return CreditorView.From(creditor);
        }
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
