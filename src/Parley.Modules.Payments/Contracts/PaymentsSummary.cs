using NodaTime;

namespace Parley.Modules.Payments.Contracts;

/// <summary>Payments that occurred at or after <paramref name="Since"/>, per currency, on the accounts the actor may see.</summary>
public sealed record GetPaymentsSummaryRequest(Instant Since);

/// <summary>Payments received in one currency since a moment, and how many of them were reversed (returned, charged back) since.</summary>
public sealed record PaymentsFigure(string Currency, int Payments, decimal Amount, int Reversed, decimal ReversedAmount);

public sealed record PaymentsFigures(Instant Since, IReadOnlyList<PaymentsFigure> ByCurrency);
