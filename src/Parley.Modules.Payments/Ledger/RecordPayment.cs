using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Payments.Ledger;

/// <summary>The HTTP body of <c>POST /api/accounts/{id}/payments</c>; the account comes from the route, the key from the <c>Idempotency-Key</c> header.</summary>
/// <param name="Note">What the agent wants kept with the payment (up to 200 characters); it becomes part of the ledger entry's description.</param>
public sealed record RecordPaymentBody(decimal Amount, string? Currency, DateTimeOffset? ReceivedAt, string? Method, string? Reference, string? Note = null);

/// <summary>A payment as the ledger takes it, whether a member of staff keyed it in or a provider's webhook reported it.</summary>
public sealed record PaymentCommand(
    decimal Amount,
    string? Currency,
    Instant? ReceivedAt,
    string? Method,
    string? Reference,
    string IdempotencyKey,
    string? Provider = null,
    string? Note = null);

/// <summary>
/// Records a payment idempotently and allocates it by the account's waterfall. Any member of staff may take a payment
/// on an account of a creditor they work for; Parley itself posts the payments a provider's signed webhook reports.
/// </summary>
public sealed class RecordPayment(LedgerWriter writer, IAccountCreditors accounts, IClock clock) : IUseCase<RecordPaymentRequest, PaymentResponse>
{
    private const decimal MaxAmount = 1_000_000_000m;
    private const int MaxReferenceLength = 200;
    private const int MaxNoteLength = 200;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/accounts/{id}/payments", async Task<Created<PaymentResponse>> (
                AccountId id,
                RecordPaymentBody body,
                [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                ClaimsPrincipal user,
                RecordPayment handler,
                CancellationToken ct) =>
            {
                var command = new PaymentCommand(
                    body.Amount, body.Currency, body.ReceivedAt is { } at ? Instant.FromDateTimeOffset(at) : null, body.Method, body.Reference, idempotencyKey ?? "", Note: body.Note);
                return TypedResults.Created($"/api/accounts/{id}/ledger", await handler.RecordAsync(Actor.From(user), id, command, ct));
            })
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("RecordPayment")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Records a payment idempotently and allocates it by the account's waterfall.");

    public Task<PaymentResponse> HandleAsync(Actor actor, RecordPaymentRequest request, CancellationToken cancellationToken) =>
        RecordAsync(
            actor,
            request.Account,
            new PaymentCommand(request.Amount, request.Currency, request.ReceivedAt, request.Method.Name(), request.Reference, request.IdempotencyKey, Note: request.Note),
            cancellationToken);

    /// <summary>The endpoint's path, which takes the method by its name so a bad one is reported with the other fields.</summary>
    internal async Task<PaymentResponse> RecordAsync(Actor actor, AccountId id, PaymentCommand command, CancellationToken cancellationToken)
    {
        command = command with { Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim() };
        // The request's own scope holds no transaction, so the writer can skip the check and the DbContext it would build.
        var posted = await PostGuardedAsync(actor, id, command, RequestHash(command), standalone: true, cancellationToken);
        return LedgerResponses.Payment(posted);
    }

    /// <summary>
    /// Checks the actor (staff, or Parley itself for a provider's webhook) and the account's creditor, then posts; a
    /// repeated key with the same request hash returns the first result.
    /// </summary>
    internal async Task<PostedEntry> PostGuardedAsync(Actor actor, AccountId id, PaymentCommand command, string requestHash, bool standalone, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("record a payment", [], allowSystem: true);
        if (string.IsNullOrWhiteSpace(command.IdempotencyKey) || command.IdempotencyKey.Length > LedgerEntry.IdempotencyKeyMaxLength)
        {
            throw new DomainException(new IdempotencyKeyRequired());
        }

        await actor.MustSeeAccountAsync(accounts, id, new LedgerAccountNotFound(id), cancellationToken);
        return await PostAsync(id, command, requestHash, writer, clock, standalone, cancellationToken);
    }

    /// <summary>Validates and posts a payment; a repeated key with the same request hash returns the first result.</summary>
    public static Task<PostedEntry> PostAsync(AccountId id, PaymentCommand command, string requestHash, LedgerWriter writer, IClock clock, CancellationToken cancellationToken) =>
        PostAsync(id, command, requestHash, writer, clock, standalone: false, cancellationToken);

    private static Task<PostedEntry> PostAsync(AccountId id, PaymentCommand command, string requestHash, LedgerWriter writer, IClock clock, bool standalone, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var (currency, method, amountMinor) = Validate(command, now);
        var posting = new Posting(
            command.IdempotencyKey,
            command.ReceivedAt ?? now,
            now,
            $"Payment by {method.Name().Replace('_', ' ')}" + (command.Note is { } note ? $": {note}" : ""),
            requestHash,
            command.Provider,
            string.IsNullOrWhiteSpace(command.Reference) ? null : command.Reference.Trim(),
            method.Name());
        Func<LedgerAccount, Task<LedgerEntry>> post = account =>
        {
            if (account.Currency != currency)
            {
                throw new DomainException(new CurrencyMismatch(account.Currency, currency.Code));
            }

            return Task.FromResult(account.ReceivePayment(amountMinor, posting));
        };
        return standalone
            ? writer.PostStandaloneAsync(id, command.IdempotencyKey, requestHash, post, cancellationToken)
            : writer.PostAsync(id, command.IdempotencyKey, requestHash, post, cancellationToken);
    }

    /// <summary>What makes two requests "the same": every field that changes what is posted (30 and 30.00 are one amount);
    /// a note joins only when there is one, so requests without a note hash as they always have.</summary>
    public static string RequestHash(PaymentCommand c) => Hash(string.Join('\u001f',
        c.Amount.ToString("G29", CultureInfo.InvariantCulture),
        c.Currency ?? "",
        c.ReceivedAt?.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) ?? "",
        c.Method ?? "",
        c.Reference ?? "") + (c.Note is { } note ? "\u001f" + note : ""));

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static (Currency Currency, PaymentMethod Method, long AmountMinor) Validate(PaymentCommand c, Instant now)
    {
        var errors = new Dictionary<string, string[]>();
        Currency.TryFromCode(c.Currency, out var currency);
        if (currency is null)
        {
            errors["currency"] = ["An ISO 4217 currency code such as USD is required."];
        }

        if (c.Amount <= 0m)
        {
            errors["amount"] = ["The amount must be greater than zero."];
        }
        else if (c.Amount > MaxAmount)
        {
            errors["amount"] = ["The amount is too large."];
        }
        else if (currency is not null && decimal.Round(c.Amount, currency.MinorUnits) != c.Amount)
        {
            errors["amount"] = [$"{currency.Code} amounts have at most {currency.MinorUnits} decimals."];
        }

        if (!PaymentMethods.TryParse(c.Method, out var method))
        {
            errors["method"] = ["The method must be one of card, bank_transfer, cash, cheque, other."];
        }

        if (c.Reference is { Length: > MaxReferenceLength })
        {
            errors["reference"] = [$"The reference must be at most {MaxReferenceLength} characters."];
        }

        if (c.Note is { Length: > MaxNoteLength })
        {
            errors["note"] = [$"The note must be at most {MaxNoteLength} characters."];
        }

        if (c.ReceivedAt is { } receivedAt && receivedAt > now + Duration.FromMinutes(5))
        {
            errors["receivedAt"] = ["A payment cannot be received in the future."];
        }

        if (errors.Count > 0)
        {
            throw new DomainException(new InvalidPaymentRequest(errors));
        }

        return (currency!, method, Money.Of(c.Amount, currency!).ToMinorUnits());
    }
}
