namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// <c>Outreach:Templates</c>: who the messages say is writing (the debt collector named in the validation notice) and
/// where the payment link points; the link ends with the account's reference.
/// </summary>
public sealed class TemplateSettings
{
    public const string Section = "Outreach:Templates";

    public string CollectorName { get; set; } = "Parley Collections";

    public string PaymentLinkBase { get; set; } = "https://pay.example.com/";

    public string PaymentLink(string reference) => PaymentLinkBase.TrimEnd('/') + "/" + Uri.EscapeDataString(reference);
}

/// <summary>Sizes the library holds to: the longest body, name and subject.</summary>
internal static class TemplateLimits
{
    public const int BodyLength = 20_000;
    public const int NameLength = 120;
    public const int SubjectLength = 200;
}
