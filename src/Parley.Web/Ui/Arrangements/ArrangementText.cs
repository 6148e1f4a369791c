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
}
