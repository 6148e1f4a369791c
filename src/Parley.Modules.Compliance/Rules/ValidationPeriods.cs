using NodaTime;
using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Compliance.Rules;

/// <summary>The same dates <see cref="RegFValidationPeriod"/> checks a notice against, for the notices Parley writes.</summary>
internal sealed class ValidationPeriods : IValidationPeriods
{
    public LocalDate EndFor(LocalDate sent) => ValidationDates.PeriodEnd(sent);
}
