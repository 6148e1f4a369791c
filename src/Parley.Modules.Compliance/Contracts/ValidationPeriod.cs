using NodaTime;
using Parley.Modules.Compliance.Rules;

namespace Parley.Modules.Compliance.Contracts;

/// <summary>The catalogue's rule for the Reg F validation period (US-REGF-VALIDATION-PERIOD), for the notices that state its end.</summary>
public static class RegFValidationPeriod
{
    /// <summary>The last day of the validation period for a notice sent on <paramref name="sent"/>: 30 days after assumed receipt (5 business days, weekends and federal holidays excluded).</summary>
    public static LocalDate EndFor(LocalDate sent) => ValidationDates.PeriodEnd(sent);
}
