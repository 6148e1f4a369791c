using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Templates;

/// <summary>What a template's key and texts must be, each refusal naming its field.</summary>
internal static class TemplateInput
{
    public static IReadOnlyList<string> Languages { get; } = ["en", "es"];

    public static void CheckKey(TemplateKey? key)
    {
        if (key is null)
        {
            throw new DomainException(new TemplateFieldInvalid("key", "is required: purpose, channel, language and tone"));
        }

        if (!System.Enum.IsDefined(key.Purpose))
        {
            throw new DomainException(new TemplateFieldInvalid("key.purpose", "must be reminder, offer, check_in or validation_notice"));
        }

        if (!System.Enum.IsDefined(key.Tone))
        {
            throw new DomainException(new TemplateFieldInvalid("key.tone", "must be supportive, neutral or direct"));
        }

        if (key.Channel is not (ContactChannel.Email or ContactChannel.Sms or ContactChannel.Letter))
        {
            throw new DomainException(new TemplateFieldInvalid("key.channel", "must be email, sms or letter (calls have no template)"));
        }

        if (!Languages.Contains(key.Language, StringComparer.Ordinal))
        {
            throw new DomainException(new TemplateFieldInvalid("key.language", "must be en or es"));
        }

        if (key.Purpose == MessagePurpose.ValidationNotice && key.Channel == ContactChannel.Sms)
        {
            throw new DomainException(new TemplateFieldInvalid("key.channel", "cannot be sms for a validation notice: Model Form B-1 goes by e-mail or letter"));
        }
    }

    public static (string Name, string? Subject, string Body) CheckTexts(TemplateKey key, string? name, string? subject, string? body)
    {
        var n = name?.Trim() ?? "";
        if (n.Length is 0 or > TemplateLimits.NameLength)
        {
            throw new DomainException(new TemplateFieldInvalid("name", $"is required (up to {TemplateLimits.NameLength} characters)"));
        }

        var s = string.IsNullOrWhiteSpace(subject) ? null : subject.Trim();
        if (key.Channel == ContactChannel.Email && (s is null || s.Length > TemplateLimits.SubjectLength))
        {
            throw new DomainException(new TemplateFieldInvalid("subject", $"is required for an e-mail (up to {TemplateLimits.SubjectLength} characters)"));
        }

        if (key.Channel != ContactChannel.Email && s is not null)
        {
            throw new DomainException(new TemplateFieldInvalid("subject", "is for e-mails only; leave it empty for texts and letters"));
        }

        if (string.IsNullOrWhiteSpace(body) || body.Length > TemplateLimits.BodyLength)
        {
            throw new DomainException(new TemplateFieldInvalid("body", $"is required (up to {TemplateLimits.BodyLength} characters)"));
        }

        return (n, s, body);
    }

    /// <summary>An enum from a query string, in the API's snake_case (<c>check_in</c>) or as named; null when absent.</summary>
    public static T? Enum<T>(string field, string? text)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var name = text.Replace("_", "", StringComparison.Ordinal);
        if (System.Enum.TryParse<T>(name, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !name.Any(char.IsDigit))
        {
            return value;
        }

        throw new DomainException(new TemplateFieldInvalid(field, $"must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(Snake))}"));
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
