using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using Microsoft.Extensions.Options;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// A template rendered for one account's facts, with the post-render check's verdict: the disclosures the message
/// carries, those its channel, purpose and jurisdiction require, and each problem in plain words with its refusal.
/// </summary>
public sealed record RenderOutcome(
    string? Subject,
    string Text,
    string? Html,
    IReadOnlyList<string> Disclosures,
    IReadOnlyList<string> Required,
    IReadOnlyList<DomainError> Errors,
    string AuthoredText)
{
    public IReadOnlyList<string> Problems => [.. Errors.Select(e => e.Detail).Distinct(StringComparer.Ordinal)];
}

/// <summary>
/// Fluid with Parley's rules: strict variables and filters (an unknown one is an error, never an empty string), no
/// partials a template could define or load (<c>render</c> and <c>include</c> are refused), the locked disclosures
/// through <c>{% disclosure 'name' %}</c>, and limits on work and size. After rendering, the text must contain each
/// required disclosure's exact text: a disclosure hidden in a condition, captured and dropped, or retyped differently
/// does not count.
/// </summary>
public sealed partial class TemplateEngine(IOptions<TemplateSettings> settings)
{
    private const string StateKey = "parley.render";

    /// <summary>The variables a template may read, as an author writes them.</summary>
    public static IReadOnlyList<string> Variables { get; } =
    [
        "customer.first_name", "creditor.name", "account.reference", "account.balance", "account.original_creditor", "payment_link", "collector.name", "today",
    ];

    private static readonly FluidParser Parser = CreateParser();

    // Parsed templates by source: a batch renders the same few approved bodies thousands of times (parsed templates are
    // thread-safe). Bounded by clearing: drafts typed in the editor would otherwise pile up.
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithStrictVariables()
        .WithStrictFilters()
        .WithMaxSteps(100_000)
        .WithMaxRecursion(20)
        .WithMaxOutputSize(200_000)
        .WithMaxCollectionSize(1_000)
        .Build();

    /// <summary>Renders <paramref name="body"/> (and the e-mail <paramref name="subject"/>) for the key and facts, and checks it.</summary>
    public async Task<RenderOutcome> RenderAsync(TemplateKey key, string? subject, string body, MessageFacts facts, CancellationToken cancellationToken)
    {
        var errors = new List<DomainError>();
        var required = LockedDisclosures.Required(key, facts);
        var state = new RenderState(key, facts, settings.Value.CollectorName, settings.Value.PaymentLink(facts.Reference));
        var text = await RenderOneAsync(body, state, errors, cancellationToken);
        string? renderedSubject = null;
        if (key.Channel == ContactChannel.Email && !string.IsNullOrWhiteSpace(subject))
        {
            renderedSubject = (await RenderOneAsync(subject, new RenderState(key, facts, state.Collector, state.PaymentLink), errors, cancellationToken))?.Trim();
        }

        text = text is null ? "" : Tidy(text);
        var present = new List<string>();
        foreach (var disclosure in LockedDisclosures.All)
        {
            var expected = LockedDisclosures.Text(disclosure, key, facts, state.Collector);
            if (expected is not null && text.Contains(expected, StringComparison.Ordinal))
            {
                present.Add(disclosure);
            }
        }

        if (errors.Count == 0)
        {
            foreach (var missing in required.Where(r => LockedDisclosures.Text(r, key, facts, state.Collector) is not null && !present.Contains(r)))
            {
                errors.Add(new DisclosureMissing(missing, key, facts.JurisdictionName));
            }
        }

        var authored = present.Aggregate(text, (t, d) => t.Replace(LockedDisclosures.Text(d, key, facts, state.Collector)!, " ", StringComparison.Ordinal));
        var html = key.Channel == ContactChannel.Email ? Html(text, key.Language) : null;
        return new RenderOutcome(renderedSubject, text, html, present, required, errors, authored);
    }

    /// <summary>Parses a source, or takes it from the cache; a template that loads other templates is refused.</summary>
    public static bool TryParse(string source, out IFluidTemplate? template, out string problem)
    {
        if (Parsed.TryGetValue(source, out template))
        {
            problem = "";
            return true;
        }

        if (PartialTag().Match(source) is { Success: true } partial)
        {
            template = null;
            problem = $"A template cannot load other templates ('{partial.Groups[1].Value}'); include a locked disclosure with {{% disclosure 'name' %}} (one of {string.Join(", ", LockedDisclosures.All)}).";
            return false;
        }

        if (!Parser.TryParse(source, out template, out var error))
        {
            problem = $"The template cannot be read: {FirstLine(error)}";
            return false;
        }

        if (Parsed.Count >= 1_000)
        {
            Parsed.Clear();
        }

        Parsed[source] = template;
        problem = "";
        return true;
    }

    private static async Task<string?> RenderOneAsync(string source, RenderState state, List<DomainError> errors, CancellationToken cancellationToken)
    {
        if (!TryParse(source, out var template, out var problem))
        {
            errors.Add(new TemplateDoesNotRender(problem));
            return null;
        }

        var context = new TemplateContext(Options) { CancellationToken = cancellationToken };
        context.AmbientValues[StateKey] = state;
        var f = state.Facts;
        var language = state.Key.Language;
        context.SetValue("customer", Object(new() { ["first_name"] = f.FirstName }));
        context.SetValue("creditor", Object(new() { ["name"] = f.CreditorName }));
        context.SetValue("account", Object(new()
        {
            ["reference"] = f.Reference,
            ["balance"] = TemplateText.Money(f.Balance, language, f.Jurisdiction),
            ["original_creditor"] = f.OriginalCreditor,
        }));
        context.SetValue("collector", Object(new() { ["name"] = state.Collector }));
        context.SetValue("payment_link", StringValue.Create(state.PaymentLink));
        context.SetValue("today", StringValue.Create(TemplateText.Date(f.Today, language, f.Jurisdiction)));
        try
        {
            return await template!.RenderAsync(context, NullEncoder.Default);
        }
        catch (UnknownDisclosureException e)
        {
            errors.Add(new TemplateDoesNotRender($"There is no locked disclosure called '{e.Name}'; the library has {string.Join(", ", LockedDisclosures.All)}."));
        }
        catch (FluidException e) when (UndefinedVariable().Match(e.Message) is { Success: true } m)
        {
            errors.Add(new TemplateDoesNotRender($"The template uses '{m.Groups[1].Value}', which is not a value Parley knows. It can use: {string.Join(", ", Variables)}."));
        }
        catch (FluidException e) when (UndefinedFilter().Match(e.Message) is { Success: true } m)
        {
            errors.Add(new TemplateDoesNotRender($"The template uses the filter '{m.Groups[1].Value}', which does not exist."));
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or ParseException or FileNotFoundException)
        {
            errors.Add(new TemplateDoesNotRender($"The template cannot be rendered: {FirstLine(e.Message)}"));
        }

        return null;
    }

    private static FluidValue Object(Dictionary<string, object?> values) => FluidValue.Create(values, Options);

    private static FluidParser CreateParser()
    {
        var parser = new FluidParser();
        parser.RegisterExpressionTag("disclosure", async (expression, writer, encoder, context) =>
        {
            var name = (await expression.EvaluateAsync(context)).ToStringValue(context);
            var state = (RenderState)context.AmbientValues[StateKey];
            if (!LockedDisclosures.IsReserved(name))
            {
                throw new UnknownDisclosureException(name);
            }

            if (LockedDisclosures.Text(name, state.Key, state.Facts, state.Collector) is { } text)
            {
                writer.Write(text);
            }

            return Completion.Normal;
        });
        return parser;
    }

    // Blank lines collapse to one, trailing spaces go: Liquid's tags leave both behind.
    private static string Tidy(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        var tidy = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank <= 1)
            {
                tidy.Append(line).Append('\n');
            }
        }

        return tidy.ToString().Trim();
    }

    /// <summary>The simple HTML part of an e-mail: the text's paragraphs, its lines kept, its links linked.</summary>
    private static string Html(string text, string language)
    {
        var body = new StringBuilder();
        foreach (var paragraph in text.Split("\n\n"))
        {
            var lines = paragraph.Split('\n').Select(l => Link().Replace(Encode(l), m => $"<a href=\"{m.Value}\">{m.Value}</a>"));
            body.Append("<p>").Append(string.Join("<br>", lines)).Append("</p>\n");
        }

        return $"<!DOCTYPE html>\n<html lang=\"{language}\"><head><meta charset=\"utf-8\"></head>\n<body style=\"font-family:sans-serif;font-size:16px;line-height:1.5\">\n{body}</body></html>";
    }

    // Only the characters HTML gives meaning to: the message is UTF-8, so accents stay readable in the source.
    private static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [GeneratedRegex(@"\{%-?\s*(render|include)\b")]
    private static partial Regex PartialTag();

    [GeneratedRegex(@"Undefined variable '([^']*)'")]
    private static partial Regex UndefinedVariable();

    [GeneratedRegex(@"Undefined filter '([^']*)'")]
    private static partial Regex UndefinedFilter();

    [GeneratedRegex(@"https://[^\s<>""]+")]
    private static partial Regex Link();

    internal sealed class RenderState(TemplateKey key, MessageFacts facts, string collector, string paymentLink)
    {
        public TemplateKey Key { get; } = key;

        public MessageFacts Facts { get; } = facts;

        public string Collector { get; } = collector;

        public string PaymentLink { get; } = paymentLink;
    }

    private sealed class UnknownDisclosureException(string name) : Exception($"No locked disclosure '{name}'.")
    {
        public string Name { get; } = name;
    }
}
