using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Parley.Modules.Accounts.UseCases;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Web.Composition;

/// <summary>
/// The portfolio at a glance: the Accounts, Payments and Arrangements modules' own figures side by side. "This week"
/// starts on Monday at midnight in <see cref="TimeZone"/> (the viewer's; UTC unless given).
/// </summary>
public sealed record PortfolioSummary(string TimeZone, LocalDate WeekStart, PortfolioFigures Portfolio, PaymentsFigures PaymentsThisWeek, PlanFigures Plans);

public sealed record UnknownTimeZone(string TimeZone) : DomainError("portfolio.unknown_time_zone", $"'{TimeZone}' is not an IANA time zone.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]> FieldErrors =>
        new Dictionary<string, string[]> { ["timeZone"] = [$"'{TimeZone}' is not an IANA time zone such as Europe/London or America/New_York."] };
}

/// <summary><c>GET /api/portfolio/summary</c>; the home page reads the same figures through <see cref="ReadAsync"/>.</summary>
public static class PortfolioSummaryEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/portfolio/summary", async (string? timeZone, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await ReadAsync(http.RequestServices, http.User, timeZone, ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .ProducesValidationProblem()
            .WithName("GetPortfolioSummary")
            .WithTags("Portfolio")
            .WithSummary("Accounts and balances by status and delinquency band per currency, active holds, plans, this week's payments and (for supervisors) recent imports.");

    /// <summary>The summary as <paramref name="user"/> may see it: recent imports only for those the imports endpoints admit.</summary>
    public static async Task<PortfolioSummary> ReadAsync(IServiceProvider services, ClaimsPrincipal user, string? timeZone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var zone = string.IsNullOrWhiteSpace(timeZone)
            ? DateTimeZone.Utc
            : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone.Trim()) ?? throw new DomainException(new UnknownTimeZone(timeZone));
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        var monday = now.InZone(zone).Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var imports = (await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, StaffPolicies.Supervisor)).Succeeded;

        var portfolio = await services.GetRequiredService<GetPortfolioSummary>().HandleAsync(imports, cancellationToken);
        var payments = await services.GetRequiredService<IUseCase<GetPaymentsSummaryRequest, PaymentsFigures>>()
            .HandleAsync(Actor.From(user), new GetPaymentsSummaryRequest(monday.AtStartOfDayInZone(zone).ToInstant()), cancellationToken);
        var plans = await services.GetRequiredService<IUseCase<GetPlanSummaryRequest, PlanFigures>>().HandleAsync(Actor.From(user), new GetPlanSummaryRequest(), cancellationToken);
        return new PortfolioSummary(zone.Id, monday, portfolio, payments, plans);
    }
}
