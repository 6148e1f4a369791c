using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using static Parley.Modules.Accounts.UseCases.Predicates;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// The portfolio list behind <c>GET /api/accounts</c> and the Portfolio page: only accounts of the creditors the actor
/// works for, filtered in the query itself.
/// </summary>
public sealed class SearchAccounts(ParleyDbContext db, IClock clock) : IUseCase<SearchAccountsQuery, AccountPage>
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 25;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts", async Task<Results<Ok<AccountPage>, ValidationProblem>> (
                [AsParameters] SearchAccountsParameters p, HttpRequest request, ClaimsPrincipal user, SearchAccounts handler, CancellationToken ct) =>
            {
                var errors = p.Validate(out var query);
                SearchAccountsParameters.RefuseUnknown(request.Query.Keys, errors);
                return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await handler.HandleAsync(Actor.From(user), query, ct));
            })
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("SearchAccounts")
            .WithSummary("Search the portfolio with filters, sorting and paging.");

    public async Task<AccountPage> HandleAsync(Actor actor, SearchAccountsQuery query, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("search accounts", []);
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetCurrentInstant();
        var activeHold = Hold.ActiveAt(now);
        var window = PageWindow.Clamp(query.Page, query.PageSize, MaxPageSize);

        var rows =
            from a in db.Set<Account>()
            join c in db.Set<Customer>() on a.CustomerId equals c.Id
            join cr in db.Set<Creditor>() on a.CreditorId equals cr.Id
            join b in db.Set<AccountBalanceView>() on a.Id equals b.AccountId into balances
            from b in balances.DefaultIfEmpty()
            select new
            {
                Account = a,
                Customer = c,
                CreditorName = cr.Name,
                Outstanding = (long?)b!.OutstandingMinor ?? 0L,
                Jurisdiction = db.Set<PostalAddress>().Where(x => x.CustomerId == c.Id).OrderBy(x => x.Position).ThenBy(x => x.Id).Select(x => (Jurisdiction?)x.Jurisdiction).FirstOrDefault(),
                TimeZone = db.Set<PostalAddress>().Where(x => x.CustomerId == c.Id).OrderBy(x => x.Position).ThenBy(x => x.Id).Select(x => x.TimeZone).FirstOrDefault(),
                HasActiveHold = db.Set<Hold>().Where(activeHold).Any(h => h.CustomerId == c.Id && (h.AccountId == null || h.AccountId == a.Id)),
            };

        if (PortfolioText.Parse(query.Text) is { } text)
        {
            // Every word of the query starts a word of the customer's name (accents, case and punctuation aside), or the
            // text is part of a reference, one of the customer's numbers, part of an e-mail address or the start of a postcode.
            var match = Predicate(rows, r => false);
            if (text.Words.Length > 0)
            {
                var name = Predicate(rows, r => true);
                foreach (var word in text.Words)
                {
                    var prefix = " " + word;
                    name = name.And(Predicate(rows, r => (" " + r.Customer.SearchName).Contains(prefix)));
                }

                match = match.Or(name);
            }

            var lowered = text.Lowered;
            match = match.Or(Predicate(rows, r => r.Customer.CustomerReference.ToLower().Contains(lowered) || r.Account.CreditorReference.ToLower().Contains(lowered)));
            if (text.Phones.Count > 0)
            {
                var phones = text.Phones;
                match = match.Or(Predicate(rows, r => db.Set<PhoneNumber>().Any(p => p.CustomerId == r.Customer.Id && phones.Contains(p.E164))));
            }

            if (text.IsEmail)
            {
                match = match.Or(Predicate(rows, r => db.Set<EmailAddress>().Any(e => e.CustomerId == r.Customer.Id && e.Address.ToLower().Contains(lowered))));
            }

            if (text.Postcode is { } postcode)
            {
                match = match.Or(Predicate(rows, r => db.Set<PostalAddress>().Any(a => a.CustomerId == r.Customer.Id && a.PostalCode.Replace(" ", "").ToUpper().StartsWith(postcode))));
            }

            rows = rows.Where(match);
        }

        if (actor.Creditors.Named is { } named)
        {
            var creditors = named.ToList();
            rows = rows.Where(r => creditors.Contains(r.Account.CreditorId));
        }

        if (query.CreditorId is { } creditorId)
        {
            rows = rows.Where(r => r.Account.CreditorId == creditorId);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(r => r.Account.Status == status);
        }

        if (query.Bucket is { } bucket)
        {
            rows = rows.Where(r => r.Account.DelinquencyBucket == bucket);
        }

        if (query.ProductType is { } product)
        {
            rows = rows.Where(r => r.Account.ProductType == product);
        }

        if (query.Jurisdiction is { } jurisdictionCode && Parley.SharedKernel.Jurisdiction.TryParse(jurisdictionCode, out var jurisdiction))
        {
            rows = rows.Where(r => r.Jurisdiction == jurisdiction);
        }

        if (query.HasActiveHold is { } hasHold)
        {
            rows = rows.Where(r => r.HasActiveHold == hasHold);
        }

        rows = (query.Sort, query.Descending) switch
        {
            (AccountSort.CustomerName, false) => rows.OrderBy(r => r.Customer.FamilyName).ThenBy(r => r.Customer.GivenName).ThenBy(r => r.Account.Id),
            (AccountSort.CustomerName, true) => rows.OrderByDescending(r => r.Customer.FamilyName).ThenByDescending(r => r.Customer.GivenName).ThenBy(r => r.Account.Id),
            (AccountSort.CreditorReference, false) => rows.OrderBy(r => r.Account.CreditorReference).ThenBy(r => r.Account.Id),
            (AccountSort.CreditorReference, true) => rows.OrderByDescending(r => r.Account.CreditorReference).ThenBy(r => r.Account.Id),
            (AccountSort.DaysPastDue, false) => rows.OrderBy(r => r.Account.DaysPastDue).ThenBy(r => r.Account.Id),
            (AccountSort.DaysPastDue, true) => rows.OrderByDescending(r => r.Account.DaysPastDue).ThenBy(r => r.Account.Id),
            (AccountSort.Outstanding, false) => rows.OrderBy(r => r.Outstanding).ThenBy(r => r.Account.Id),
            (AccountSort.Outstanding, true) => rows.OrderByDescending(r => r.Outstanding).ThenBy(r => r.Account.Id),
            (AccountSort.PlacedAt, false) => rows.OrderBy(r => r.Account.PlacedAt).ThenBy(r => r.Account.Id),
            (AccountSort.PlacedAt, true) => rows.OrderByDescending(r => r.Account.PlacedAt).ThenBy(r => r.Account.Id),
        };

        var total = await rows.CountAsync(cancellationToken);
        var items = await window.Of(rows).ToListAsync(cancellationToken);
        return new AccountPage(
            items.Select(r => new AccountSummary(
                r.Account.Id,
                r.Account.CreditorReference,
                r.CreditorName,
                r.Customer.Id,
                r.Customer.CustomerReference,
                r.Customer.FullName,
                r.Account.ProductType,
                r.Account.Status,
                r.Account.DaysPastDue,
                r.Account.DelinquencyBucket,
                r.Jurisdiction?.Code,
                r.Account.Currency.Code,
                Money.FromMinorUnits(r.Outstanding, r.Account.Currency).Amount,
                r.HasActiveHold,
                Contracts.StatuteOfLimitations.IsTimeBarred(r.Account.StatuteOfLimitationsDate, now, r.TimeZone))).ToList(),
            total,
            window.Page,
            window.Size);
    }
}

/// <summary>Query-string binding for <see cref="SearchAccounts"/>; unknown enum values are field errors, not 500s.</summary>
public sealed record SearchAccountsParameters(
    string? Q,
    Guid? Creditor,
    string? Status,
    string? Bucket,
    string? Jurisdiction,
    string? Product,
    bool? HasHold,
    string? Sort,
    bool? Desc,
    int? Page,
    int? PageSize)
{
    public Dictionary<string, string[]> Validate(out SearchAccountsQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        var status = ParseEnum<AccountStatus>(Status, "status", errors);
        var bucket = ParseEnum<DelinquencyBucket>(Bucket, "bucket", errors);
        var product = ParseEnum<ProductType>(Product, "product", errors);
        var sort = ParseEnum<AccountSort>(Sort, "sort", errors);
        if (Jurisdiction is not null && !SharedKernel.Jurisdiction.TryParse(Jurisdiction, out _))
        {
            errors["jurisdiction"] = [$"'{Jurisdiction}' is not a supported jurisdiction."];
        }

        var window = PageWindow.Read(Page, PageSize, SearchAccounts.DefaultPageSize, SearchAccounts.MaxPageSize, errors);

        // No sort asked for: the accounts furthest behind first. A sort asked for runs ascending unless told otherwise.
        query = new SearchAccountsQuery(Q, Creditor is { } c ? CreditorId.From(c) : null, status, bucket, Jurisdiction, product, HasHold,
            sort ?? AccountSort.DaysPastDue, Desc ?? sort is null, window.Page, window.Size);
        return errors;
    }

    /// <summary>The query-string names this endpoint reads (binding ignores case).</summary>
    public static readonly IReadOnlyList<string> Names = ["q", "creditor", "status", "bucket", "jurisdiction", "product", "hasHold", "sort", "desc", "page", "pageSize"];

    /// <summary>A parameter the endpoint does not read is refused, not ignored: a misspelt filter would otherwise silently match everything.</summary>
    public static void RefuseUnknown(IEnumerable<string> keys, Dictionary<string, string[]> errors)
    {
        foreach (var key in keys.Where(k => !Names.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors[key] = [$"'{key}' is not a search parameter; use one of: {string.Join(", ", Names)}."];
        }
    }

    private static T? ParseEnum<T>(string? value, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (Enum.TryParse<T>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors[field] = [$"'{value}' is not one of: {string.Join(", ", Enum.GetNames<T>().Select(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName))}."];
        return null;
    }
}
