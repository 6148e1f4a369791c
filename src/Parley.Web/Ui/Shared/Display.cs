using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Parley.Web.Ui.Shared;

/// <summary>How amounts, dates and instants read on screen: invariant, unambiguous, the currency always shown.</summary>
public static class Display
{
    private static readonly InstantPattern InstantText = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm 'UTC'");
    private static readonly LocalDatePattern DateText = LocalDatePattern.Iso;

    public static string Money(decimal amount, string currency) => $"{currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}";

    public static string Date(LocalDate? date) => date is { } d ? DateText.Format(d) : "—";

    public static string Instant(Instant? instant) => instant is { } i ? InstantText.Format(i) : "—";

    public static string YesNo(bool value) => value ? "yes" : "no";
}
