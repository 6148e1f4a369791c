using NodaTime;

namespace Parley.Modules.Compliance.Contracts;

/// <summary>The catalogue's rule for the Reg F validation period (US-REGF-VALIDATION-PERIOD), for the notices that state its end.</summary>
public interface IValidationPeriods
{
    /// <summary>The last day of the validation period for a notice sent on <paramref name="sent"/>: 30 days after assumed receipt (5 business days, weekends and federal holidays excluded).</summary>
    LocalDate EndFor(LocalDate sent);
}
