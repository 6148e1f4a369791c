using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Creditors;

public sealed record CreditorInvalid(IReadOnlyDictionary<string, string[]> Problems)
    : DomainError("creditor.invalid", "The creditor is not valid: " + string.Join(" ", Problems.SelectMany(p => p.Value)), ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => Problems;
}

public sealed record CreditorCodeTaken(string Code) : DomainError("creditor.code_taken", $"A creditor with code {Code} already exists.", ErrorKind.Conflict);

public sealed record CreditorNotFound(CreditorId Id) : DomainError("creditor.not_found", $"There is no creditor {Id}.", ErrorKind.NotFound);

/// <summary>Reads the policy fields the API and CLI share, collecting every problem rather than stopping at the first.</summary>
internal static class CreditorPolicyInput
{
    public static Domain.CreditorPolicy? Read(Currency? currency, string? waterfall, decimal? minimumInstalment, decimal? settlementMin, decimal? settlementMax, int? graceDays, int? allowedMisses, Dictionary<string, string[]> problems)
    {
        var parsedWaterfall = Payments.Contracts.AllocationWaterfall.Default;
        if (waterfall is not null && !Payments.Contracts.AllocationWaterfall.TryParse(waterfall, out parsedWaterfall))
        {
            problems["waterfall"] = [$"'{waterfall}' is not an order of fees, interest and principal such as fees>interest>principal."];
        }

        var min = settlementMin ?? 0m;
        var max = settlementMax ?? 30m;
        if (min < 0 || max > 100 || min > max)
        {
            problems["settlement"] = ["Settlement discount bounds must satisfy 0 ≤ min ≤ max ≤ 100 (percent)."];
        }

        var instalment = minimumInstalment ?? 25m;
        if (currency is not null && (instalment < 0 || decimal.Round(instalment, currency.MinorUnits) != instalment))
        {
            problems["minimumInstalment"] = [$"The minimum instalment must be zero or more with at most {currency.MinorUnits} decimals for {currency.Code}."];
        }

        var grace = graceDays ?? Domain.CreditorPolicy.DefaultGraceDays;
        if (grace is < 0 or > Domain.CreditorPolicy.MaxGraceDays)
        {
            problems["graceDays"] = [$"Grace days must be 0–{Domain.CreditorPolicy.MaxGraceDays}."];
        }

        var misses = allowedMisses ?? Domain.CreditorPolicy.DefaultAllowedMisses;
        if (misses is < 0 or > Domain.CreditorPolicy.MaxAllowedMisses)
        {
            problems["allowedMisses"] = [$"Allowed misses must be 0–{Domain.CreditorPolicy.MaxAllowedMisses}."];
        }

        return problems.Count > 0 || currency is null
            ? null
            : new Domain.CreditorPolicy(parsedWaterfall, Money.Of(instalment, currency), min, max, GraceDays: grace, AllowedMisses: misses);
    }
}
