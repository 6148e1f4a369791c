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

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// The 360° view of one account (balances and ledger come from the Payments module); <c>TimeBarred</c> says whether the
/// statute-of-limitations date has passed on the customer's own calendar (<see cref="Contracts.StatuteOfLimitations"/>).
/// </summary>
public sealed class GetAccountDetails(ParleyDbContext db, ILedgerPaymentHistory ledger, IClock clock)
    : IUseCase<GetAccountDetailsRequest, AccountDetails>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts/{id}", async Task<Ok<AccountDetails>> (AccountId id, ClaimsPrincipal user, GetAccountDetails handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetAccountDetailsRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetAccount")
            .WithSummary("One account with its customer, statement history, holds and change history.");

    public async Task<AccountDetails> HandleAsync(Actor actor, GetAccountDetailsRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read an account", [], allowSystem: true);
        var id = request.Account;
        var account = await db.Set<Account>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new DomainException(new AccountNotFound(id));
        actor.MustSee(account.CreditorId, new AccountNotFound(id));
        var customer = await db.Set<Customer>().AsNoTracking()
            // Each set loaded in its recorded place, the primary address first.
            .Include(c => c.Addresses.OrderBy(a => a.Position).ThenBy(a => a.Id))
            .Include(c => c.Phones.OrderBy(p => p.Position).ThenBy(p => p.Id))
            .Include(c => c.Emails.OrderBy(e => e.Position).ThenBy(e => e.Id))
            .AsSplitQuery()
            .SingleAsync(c => c.Id == account.CustomerId, cancellationToken);
        var creditorName = await db.Set<Creditor>().Where(c => c.Id == account.CreditorId).Select(c => c.Name).SingleAsync(cancellationToken);
        var holds = await db.Set<Hold>().AsNoTracking()
            .Where(h => h.CustomerId == account.CustomerId && (h.AccountId == null || h.AccountId == id))
            .OrderByDescending(h => h.StartsAt)
            .ToListAsync(cancellationToken);
        var changes = await db.Set<AccountChange>().AsNoTracking().Where(c => c.AccountId == id).OrderByDescending(c => c.At).Take(200).ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var currency = account.Currency;
        var lastPayment = await LastPaymentAsync(ledger, account, cancellationToken);

        return new AccountDetails(
            account.Id,
            account.CreditorReference,
            account.CreditorId,
            creditorName,
            account.ProductType,
            account.OriginalCreditor,
            currency.Code,
            account.Status,
            account.DaysPastDue,
            account.DelinquencyBucket,
            account.ChargeOffDate,
            lastPayment,
            account.StatuteOfLimitationsDate,
            account.PlacedAt,
            new CustomerView(
                customer.Id,
                customer.CustomerReference,
                customer.GivenName,
                customer.FamilyName,
                customer.DateOfBirth,
                customer.Language,
                customer.Addresses.Select(a => new AddressView(a.Line1, a.Line2, a.City, a.PostalCode, a.Jurisdiction.Code, a.TimeZone)).ToList(),
                customer.Phones.OrderBy(p => p.RetiredAt.HasValue).Select(p => new PhoneView(p.E164, p.Type, p.ConsentToCall, p.ConsentToSms, p.RetiredAt)).ToList(),
                customer.Emails.OrderBy(e => e.RetiredAt.HasValue).Select(e => new EmailView(e.Address, e.Type, e.ConsentToEmail, e.RetiredAt)).ToList()),
            account.Statements.Months.Select(s => new StatementView(
                s.StatementDate,
                Money.FromMinorUnits(s.AmountDueMinor, currency).Amount,
                Money.FromMinorUnits(s.MinimumDueMinor, currency).Amount,
                Money.FromMinorUnits(s.AmountPaidMinor, currency).Amount,
                s.DaysPastDue)).ToList(),
            holds.Select(h => ToView(h, now)).ToList(),
            changes.Select(c => new AccountChangeView(c.At, c.Field, c.OldValue, c.NewValue)).ToList(),
            Contracts.StatuteOfLimitations.IsTimeBarred(account.StatuteOfLimitationsDate, now, customer.PrimaryAddress?.TimeZone),
            account.LastPaymentDate);
    }

    /// <summary>
    /// The last payment as the ledger tells it: the placed date until a later ledger payment that was not reversed (its
    /// UTC date, as the propensity features read it).
    /// </summary>
    internal static async Task<LocalDate?> LastPaymentAsync(ILedgerPaymentHistory ledger, Account account, CancellationToken cancellationToken)
    {
        var since = account.LastPaymentDate is { } placed ? placed.AtMidnight().InUtc().ToInstant() : account.PlacedAt - Duration.FromDays(3650);
        var payments = await ledger.SinceAsync(account.Id, since, cancellationToken);
        return LastPayment(account.LastPaymentDate, payments);
    }

    public static LocalDate? LastPayment(LocalDate? placed, IEnumerable<LedgerPayment> payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        var latest = payments.Where(p => p.ReversedAt is null).Select(p => (LocalDate?)p.OccurredAt.InUtc().Date).Max();
        return latest is { } l && (placed is not { } p || l > p) ? l : placed;
    }

    internal static HoldView ToView(Hold h, Instant now) => new(
        h.Id, h.Type, h.AccountId is null, h.StartsAt, h.PlannedEndAt, h.ResumesAutomatically, h.Reason, h.SetBy, h.EndedAt, h.EndedBy, h.EndReason, h.IsActiveAt(now));
}
