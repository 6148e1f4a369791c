using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Creditors;

public sealed record CreditorInvalid(IReadOnlyDictionary<string, string[]> Problems)
    : DomainError("creditor.invalid", "The creditor is not valid: " + string.Join(" ", Problems.SelectMany(p => p.Value)), ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => Problems;
}

public sealed record CreditorCodeTaken(string Code) : DomainError("creditor.code_taken", $"A creditor with code {Code} already exists.", ErrorKind.Conflict);

public sealed record CreditorNotFound(CreditorId Id) : DomainError("creditor.not_found", $"There is no creditor {Id}.", ErrorKind.NotFound);

/// <summary>
/// The policy fields as a request carries them, each optional: amounts in the creditor's currency, percents as numbers
/// (19.9 is 19.9 %), months and days as whole numbers.
/// </summary>
internal sealed record PolicyFields(
    string? Waterfall,
    decimal? MinimumInstalment,
    decimal? SettlementDiscountMinPercent,
    decimal? SettlementDiscountMaxPercent,
    decimal? AnnualInterestRatePercent,
    decimal? MonthlyFee,
    bool? FreezeAllowed,
    int? MaxPlanMonths,
    int? GraceDays,
    int? AllowedMisses)
{
    public static PolicyFields Of(CreateCreditorRequest r) =>
        new(r.Waterfall, r.MinimumInstalment, r.SettlementDiscountMinPercent, r.SettlementDiscountMaxPercent, r.AnnualInterestRatePercent, r.MonthlyFee, r.FreezeAllowed, r.MaxPlanMonths, r.GraceDays, r.AllowedMisses);

    public static PolicyFields Of(ChangeCreditorPolicyRequest r) =>
        new(r.Waterfall, r.MinimumInstalment, r.SettlementDiscountMinPercent, r.SettlementDiscountMaxPercent, r.AnnualInterestRatePercent, r.MonthlyFee, r.FreezeAllowed, r.MaxPlanMonths, r.GraceDays, r.AllowedMisses);
}

/// <summary>Reads the policy fields the API, CLI and page share, collecting every problem rather than stopping at the first.</summary>
internal static class CreditorPolicyInput
{
    /// <summary>
    /// The policy <paramref name="input"/> asks for, each omitted field taken from <paramref name="current"/> (a policy
    /// change) or the defaults (a new creditor); null with <paramref name="problems"/> filled when any field is refused.
    /// The rules are the domain's (<see cref="Domain.CreditorPolicy.Problems"/>); only what must be known before a
    /// policy can be built — the waterfall's words and the amounts' decimals — is checked here.
    /// </summary>
    public static Domain.CreditorPolicy? Read(Currency? currency, PolicyFields input, Domain.CreditorPolicy? current, Dictionary<string, string[]> problems)
    {
        // A placeholder when the currency itself is refused, so every other field is still checked.
        var priced = currency ?? Currency.USD;
        var fallback = current ?? Domain.CreditorPolicy.Defaults(priced);
        var waterfall = fallback.Waterfall;
        if (input.Waterfall is { } text && !Payments.Contracts.AllocationWaterfall.TryParse(text, out waterfall))
        {
            problems["waterfall"] = [$"'{text}' is not an order of fees, interest and principal such as fees>interest>principal."];
            waterfall = fallback.Waterfall;
        }

        var minimum = Amount(input.MinimumInstalment, fallback.MinimumInstalment, currency, "minimumInstalment", "minimum instalment", problems);
        var fee = Amount(input.MonthlyFee, fallback.MonthlyFee ?? Money.Zero(priced), currency, "monthlyFee", "monthly fee", problems);
        var policy = new Domain.CreditorPolicy(
            waterfall,
            minimum,
            input.SettlementDiscountMinPercent ?? fallback.SettlementDiscountMinPercent,
            input.SettlementDiscountMaxPercent ?? fallback.SettlementDiscountMaxPercent,
            input.AnnualInterestRatePercent ?? fallback.AnnualInterestRatePercent,
            fee,
            input.FreezeAllowed ?? fallback.FreezeAllowed,
            input.MaxPlanMonths ?? fallback.MaxPlanMonths,
            input.GraceDays ?? fallback.GraceDays,
            input.AllowedMisses ?? fallback.AllowedMisses);
        foreach (var (field, problem) in policy.Problems())
        {
            problems.TryAdd(field, [problem]);
        }

        return problems.Count > 0 || currency is null ? null : policy;
    }

    /// <summary>An amount in the creditor's currency; zero (unchecked) while the currency is unknown, as its decimals are.</summary>
    private static Money Amount(decimal? amount, Money fallback, Currency? currency, string field, string what, Dictionary<string, string[]> problems)
    {
        if (currency is null)
        {
            return Money.Zero(fallback.Currency);
        }

        var value = amount ?? fallback.Amount;
        if (value < 0 || decimal.Round(value, currency.MinorUnits) != value)
        {
            problems[field] = [Domain.CreditorPolicy.AmountProblem(what, currency)];
            return Money.Zero(currency);
        }

        return Money.Of(value, currency);
    }
}
