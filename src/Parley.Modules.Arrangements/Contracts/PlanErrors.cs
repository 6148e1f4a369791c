using System.Globalization;
using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Contracts;

/// <summary>
/// A refused plan, naming the parameter at fault (the API's query parameter; the CLI's option without <c>--</c>) and,
/// for a problem inside the shape, the <see cref="Setting"/> of the shape text it concerns (<c>cap</c>, <c>skip</c>, …),
/// so a form can show it beside that field.
/// </summary>
public abstract record PlanError(string Code, string Parameter, string Problem)
    : DomainError(Code, $"{Parameter}: {Problem}", ErrorKind.Validation)
{
    public string? Setting { get; init; }

    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [Parameter] = [Problem] };
}

public sealed record InvalidPlanParameter(string Parameter, string Problem)
    : PlanError("plans.invalid_parameter", Parameter, Problem);

public sealed record InstalmentBelowMinimum(string Parameter, Money Amount, Money Minimum)
    : PlanError("plans.instalment_below_minimum", Parameter, $"an instalment of {Amount} is below the creditor's minimum of {Minimum}");

public sealed record InstalmentAboveBalance(string Parameter, Money Amount, Money Balance)
    : PlanError("plans.instalment_above_balance", Parameter, $"an instalment of {Amount} is more than the balance of {Balance}");

public sealed record StartInThePast(LocalDate Start, LocalDate Today)
    : PlanError("plans.start_in_the_past", "start", string.Create(CultureInfo.InvariantCulture, $"{Start:uuuu-MM-dd} is in the past (the earliest start accepted today is {Today:uuuu-MM-dd})"));

public sealed record PlanCurrencyMismatch(string Parameter, Currency Expected, Currency Actual)
    : PlanError("plans.currency_mismatch", Parameter, $"the amount is in {Actual.Code} but the balance is in {Expected.Code}");

public sealed record SettlementDiscountOutsidePolicy(decimal Discount, decimal Minimum, decimal Maximum)
    : PlanError("plans.settlement_outside_policy", "shape", string.Create(CultureInfo.InvariantCulture, $"a settlement discount of {Discount}% is outside the creditor's bounds of {Minimum}%–{Maximum}%"));

public sealed record PlanTooLong(string Parameter, int Instalments)
    : PlanError("plans.too_long", Parameter, string.Create(CultureInfo.InvariantCulture, $"the plan would need more than {Instalments} instalments; offer a larger instalment or a different shape"));

public sealed record NothingOwed(Money Balance)
    : PlanError("plans.nothing_owed", "balance", $"there is nothing to repay (balance {Balance})");
