using NodaTime.Text;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Payments.Contracts;

namespace Parley.Web.Ui.Shared;

/// <summary>
/// The words staff pages use for the modules' enums and codes: one switch per enum, with no default arm, so a new value
/// does not build until it has a label (a test also checks no label reads like a code). Pages never print an
/// enum or a snake_case code themselves.
/// </summary>
public static class Labels
{
    public static string Of(ProductType product) => product switch
    {
        ProductType.CreditCard => "Credit card",
        ProductType.PersonalLoan => "Personal loan",
        ProductType.Bnpl => "Buy now, pay later",
        ProductType.Utility => "Utility bill",
        ProductType.Medical => "Medical bill",
        ProductType.Auto => "Car finance",
        ProductType.Telecom => "Phone or broadband",
        ProductType.Other => "Other credit",
    };

    public static string Of(AccountStatus status) => status switch
    {
        AccountStatus.Open => "Open",
        AccountStatus.InArrangement => "In an arrangement",
        AccountStatus.PaidInFull => "Paid in full",
        AccountStatus.Settled => "Settled for less",
        AccountStatus.Recalled => "Recalled by the creditor",
        AccountStatus.Closed => "Closed, not collected",
        AccountStatus.InCredit => "In credit — refund due",
    };

    public static string Of(DelinquencyBucket bucket) => bucket switch
    {
        DelinquencyBucket.Current => "Up to date",
        DelinquencyBucket.Dpd1To30 => "1–30 days",
        DelinquencyBucket.Dpd31To60 => "31–60 days",
        DelinquencyBucket.Dpd61To90 => "61–90 days",
        DelinquencyBucket.Dpd91To120 => "91–120 days",
        DelinquencyBucket.Dpd121To180 => "121–180 days",
        DelinquencyBucket.Dpd181Plus => "181 days or more",
        DelinquencyBucket.ChargedOff => "Charged off",
    };

    public static string Of(HoldType type) => type switch
    {
        HoldType.Dispute => "Disputed debt",
        HoldType.BreathingSpace => "Breathing space",
        HoldType.MentalHealthCrisis => "Mental health crisis",
        HoldType.Hardship => "Financial hardship",
        HoldType.Complaint => "Open complaint",
        HoldType.VulnerabilityReview => "Vulnerability review",
        HoldType.CeaseCommunication => "Asked for no more contact",
        HoldType.Deceased => "Customer has died",
        HoldType.Bankruptcy => "Bankruptcy or insolvency",
        HoldType.AttorneyRepresented => "Represented by an attorney",
    };

    public static string Of(PhoneType type) => type switch
    {
        PhoneType.Mobile => "mobile",
        PhoneType.Landline => "home",
        PhoneType.Work => "work",
    };

    public static string Of(EmailType type) => type switch
    {
        EmailType.Personal => "personal",
        EmailType.Work => "work",
    };

    public static string Of(ImportRunStatus status) => status switch
    {
        ImportRunStatus.Running => "In progress",
        ImportRunStatus.Completed => "Finished",
        ImportRunStatus.Failed => "Stopped by an error",
        ImportRunStatus.Interrupted => "Interrupted",
    };

    public static string Of(PaymentMethod method) => method switch
    {
        PaymentMethod.Card => "Card",
        PaymentMethod.BankTransfer => "Bank transfer",
        PaymentMethod.Cash => "Cash",
        PaymentMethod.Cheque => "Cheque",
        PaymentMethod.Other => "Other",
    };

    public static string Of(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Charge => "Balance placed",
        LedgerEntryKind.Interest => "Interest added",
        LedgerEntryKind.Fee => "Fee added",
        LedgerEntryKind.Payment => "Payment received",
        LedgerEntryKind.Reversal => "Entry reversed",
        LedgerEntryKind.Adjustment => "Balance adjusted",
        LedgerEntryKind.Waiver => "Amount waived",
        LedgerEntryKind.WriteOff => "Write-off",
    };

    public static string Of(Channel channel) => channel switch
    {
        Channel.Call => "Phone call",
        Channel.Sms => "SMS",
        Channel.Email => "E-mail",
        Channel.Letter => "Letter by post",
        Channel.SocialMedia => "Social media",
        Channel.Action => "Collection action",
    };

    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Allow => "allowed now",
        Verdict.Deny => "not allowed",
        Verdict.RouteToHuman => "a person must decide",
        Verdict.DenyAndRequireValidationNotice => "not allowed until the validation notice is sent",
    };

    public static string Of(ModelKind kind) => kind switch
    {
        ModelKind.EarlyWarning => "Chance of missing the next payment",
        ModelKind.Propensity => "Chance of a payment within 30 days",
    };

    /// <summary>A plan's state, lower case as its chip shows it.</summary>
    public static string Of(ArrangementStatus status) => status switch
    {
        ArrangementStatus.Proposed => "proposed",
        ArrangementStatus.AwaitingApproval => "awaiting approval",
        ArrangementStatus.Active => "active",
        ArrangementStatus.Completed => "completed",
        ArrangementStatus.Broken => "broken",
        ArrangementStatus.Cancelled => "cancelled",
    };

    public static string Of(ApprovalState approval) => approval switch
    {
        ApprovalState.NotNeeded => "no approval needed",
        ApprovalState.Pending => "approval pending",
        ApprovalState.Approved => "approved",
    };

    public static string Of(OfferKind kind) => kind switch
    {
        OfferKind.FixedPlan => "Fixed plan",
        OfferKind.Seasonal => "Seasonal plan",
        OfferKind.StepUp => "Step-up plan",
        OfferKind.Settlement => "Settlement offer",
        OfferKind.PromiseToPay => "Promise to pay",
        OfferKind.PaymentHoliday => "Payment holiday",
    };

    /// <summary>How the portfolio is sorted, as the sentence "Sorted by …" ends.</summary>
    public static string Of(AccountSort sort) => sort switch
    {
        AccountSort.CustomerName => "customer name",
        AccountSort.CreditorReference => "account reference",
        AccountSort.DaysPastDue => "days past due",
        AccountSort.Outstanding => "amount outstanding",
        AccountSort.PlacedAt => "date placed",
    };

    /// <summary>A code as the modules write it in their views (<c>write_off</c>, <c>awaiting_approval</c>, <c>social_media</c>) in words; an unknown one as itself.</summary>
    public static string LedgerKind(string code) => Parse<LedgerEntryKind>(code) is { } kind ? Of(kind) : code;

    public static string PlanStatus(string code) => Parse<ArrangementStatus>(code) is { } status ? Of(status) : code;

    public static string Approval(string code) => Parse<ApprovalState>(code) is { } approval ? Of(approval) : code;

    public static string ChannelCode(string code) => Parse<Channel>(code) is { } channel ? Of(channel) : code;

    public static string VerdictCode(string code) => Parse<Verdict>(code) is { } verdict ? Of(verdict) : code;

    /// <summary>A plan's shape by its kind alone: the settings are shown beside it.</summary>
    public static string PlanShape(PlanShapeSpec shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape switch
        {
            PlanShapeSpec.Fixed => "Fixed instalments",
            PlanShapeSpec.Step => "Step-up / step-down",
            PlanShapeSpec.Seasonal => "Seasonal",
            PlanShapeSpec.Income => "Percentage of income",
            PlanShapeSpec.Settlement => "Settlement",
            PlanShapeSpec.Promise => "Promise to pay",
            PlanShapeSpec.Holiday => "Payment holiday",
            _ => shape.Kind,
        };
    }

    /// <summary>A plan shape's settings in words (empty for a shape that has none), e.g. "3 × GBP 20.00, then the instalment".</summary>
    public static string PlanSettings(PlanShapeSpec shape, string currency)
    {
        ArgumentNullException.ThrowIfNull(shape);
        string Amount(decimal? value) => value is { } v ? Display.Money(v, currency) : "?";
        string Months(IReadOnlyList<int>? months) => string.Join(", ", (months ?? []).Select(m => System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(m)));
        static string Number(decimal? value) => value?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "?";
        return shape switch
        {
            PlanShapeSpec.Step s => string.Join(", ", (s.Steps ?? []).Select(x => $"{x.Periods} × {Amount(x.Amount)}")) + ", then the instalment",
            PlanShapeSpec.Seasonal s => string.Join("; ", new[]
            {
                s.SkippedMonths is { Count: > 0 } skipped ? $"nothing due in {Months(skipped)}" : null,
                s.ReducedMonths is { Count: > 0 } reduced ? $"{Amount(s.ReducedAmount)} in {Months(reduced)}" : null,
            }.OfType<string>()),
            PlanShapeSpec.Income s => $"{Number(s.Percent)} % of declared income, at least {Amount(s.Floor)}, at most {Amount(s.Cap)}",
            PlanShapeSpec.Settlement s => $"{Number(s.DiscountPercent)} % discount, {(s.Instalments is null or 1 ? "one payment" : $"{s.Instalments} payments")}",
            PlanShapeSpec.Holiday h => $"nothing due for {h.Periods} {(h.Periods == 1 ? "period" : "periods")}",
            _ => "",
        };
    }

    /// <summary>How often instalments fall due, in words.</summary>
    public static string Of(Frequency frequency) => frequency switch
    {
        Frequency.Weekly => "weekly",
        Frequency.Fortnightly => "fortnightly",
        Frequency.FourWeekly => "every four weeks",
        Frequency.Monthly => "monthly",
    };

    /// <summary>A field of the account's change history, in words.</summary>
    public static string ChangeField(string field) => field switch
    {
        AccountChangeFields.ProductType => "Product",
        AccountChangeFields.OriginalCreditor => "Original creditor",
        AccountChangeFields.ChargeOffDate => "Charge-off date",
        AccountChangeFields.LastPaymentDate => "Last payment",
        AccountChangeFields.DaysPastDue => "Days past due",
        AccountChangeFields.StatuteOfLimitationsDate => "Statute of limitations",
        AccountChangeFields.Status => "Status",
        "arrangement" => "Arrangement",
        _ => field,
    };

    /// <summary>A value of the account's change history, in words: enums by their label, dates in the one date format.</summary>
    public static string? ChangeValue(string field, string? value) => (field, value) switch
    {
        (_, null) => null,
        (AccountChangeFields.ProductType, _) when Parse<ProductType>(value) is { } product => Of(product),
        (AccountChangeFields.Status, _) when Parse<AccountStatus>(value) is { } status => Of(status),
        ("arrangement", _) => PlanStatus(value),
        (AccountChangeFields.ChargeOffDate or AccountChangeFields.LastPaymentDate or AccountChangeFields.StatuteOfLimitationsDate, _) when ParseDate(value) is { } date => Display.Date(date),
        _ => value,
    };

    /// <summary>A BCP 47 language tag as the language's name, the tag kept as a detail.</summary>
    public static string Language(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var primary = tag.Split('-')[0].ToLowerInvariant();
        var name = primary switch
        {
            "en" => "English",
            "es" => "Spanish",
            "fr" => "French",
            "de" => "German",
            "it" => "Italian",
            "pt" => "Portuguese",
            "pl" => "Polish",
            "cy" => "Welsh",
            "gd" => "Scottish Gaelic",
            "ga" => "Irish",
            "zh" => "Chinese",
            "vi" => "Vietnamese",
            "ko" => "Korean",
            "ar" => "Arabic",
            "ur" => "Urdu",
            "pa" => "Punjabi",
            "hi" => "Hindi",
            "bn" => "Bengali",
            "ro" => "Romanian",
            "ru" => "Russian",
            "uk" => "Ukrainian",
            "ht" => "Haitian Creole",
            "tl" => "Tagalog",
            _ => null,
        };
        return name is null ? tag : $"{name} ({tag})";
    }

    public static string Of(ContactChannel channel) => channel switch
    {
        ContactChannel.Call => "Call",
        ContactChannel.Sms => "Text",
        ContactChannel.Email => "E-mail",
        ContactChannel.Letter => "Letter",
    };

    public static string Of(OutreachStep step) => step switch
    {
        OutreachStep.ValidationNotice => "Validation notice",
        OutreachStep.Reminder => "Reminder",
        OutreachStep.Offer => "Offer",
        OutreachStep.CheckIn => "Check-in",
        OutreachStep.Call => "Call",
    };

    public static string Of(PlannedContactStatus status) => status switch
    {
        PlannedContactStatus.Planned => "Planned",
        PlannedContactStatus.Sending => "Being sent",
        PlannedContactStatus.Sent => "Sent",
        PlannedContactStatus.Cancelled => "Cancelled",
        PlannedContactStatus.DeadLetter => "Not sent (gave up)",
    };

    private static T? Parse<T>(string code)
        where T : struct, Enum =>
        Enum.TryParse<T>(code.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;

    // The history stores dates as NodaTime wrote them: ISO, or its default long form on older rows.
    private static NodaTime.LocalDate? ParseDate(string value) =>
        LocalDatePattern.Iso.Parse(value) is { Success: true } iso ? iso.Value
        : LocalDatePattern.CreateWithInvariantCulture("D").Parse(value) is { Success: true } d ? d.Value : null;
}
