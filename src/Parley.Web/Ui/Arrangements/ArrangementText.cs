namespace Parley.Web.Ui.Arrangements;

/// <summary>Words for the module's codes on the account page.</summary>
public static class ArrangementText
{
    public static string OfferKind(string kind) => kind switch
    {
        "FixedPlan" => "Fixed plan",
        "Seasonal" => "Seasonal plan",
        "StepUp" => "Step-up plan",
        "Settlement" => "Settlement",
        "PromiseToPay" => "Promise to pay",
        "PaymentHoliday" => "Payment holiday",
        _ => kind,
    };

    /// <summary>The shape text a plan form sends: the name alone, or the name and its settings after a colon.</summary>
    public static string ShapeText(string name, string? settings) =>
        string.IsNullOrWhiteSpace(settings) ? name : $"{name}:{settings.Trim()}";

    /// <summary>Splits <c>step:steps=3x50</c> into the name and its settings, for the form.</summary>
    public static (string Name, string? Settings) SplitShape(string shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var colon = shape.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (shape.Trim(), null) : (shape[..colon].Trim(), shape[(colon + 1)..].Trim());
    }
}
