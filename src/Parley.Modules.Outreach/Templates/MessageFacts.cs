using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// The Model Form B-1 itemization (Reg F §1006.34(c)(2)): what was owed on the itemization date, what was added and
/// paid since, what is owed now, and the end of the validation period computed by the catalogue's rule. The figures
/// add up: <c>AmountThen + InterestSince + FeesSince - PaidOrCreditedSince = AmountNow</c>.
/// </summary>
public sealed record ValidationFigures(
    LocalDate ItemizationDate,
    Money AmountThen,
    Money InterestSince,
    Money FeesSince,
    Money PaidOrCreditedSince,
    Money AmountNow,
    LocalDate PeriodEnd);

/// <summary>What a message may say about an account: the values templates read and the facts the locked disclosures print.</summary>
public sealed record MessageFacts(
    string FirstName,
    string CreditorName,
    string OriginalCreditor,
    string Reference,
    Jurisdiction? Jurisdiction,
    Money Balance,
    LocalDate Today,
    ValidationFigures Validation)
{
    /// <summary>US rules apply in the US and wherever the customer's jurisdiction is not known (the stricter default).</summary>
    public bool UnderRegF => Jurisdiction is not { } j || j.IsUs;

    public bool InUk => Jurisdiction is { IsUk: true };

    public string JurisdictionName => Jurisdiction?.Code ?? "an unknown jurisdiction";
}
