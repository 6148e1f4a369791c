using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// Renders the approved version for a key with the account's facts and refuses — a <see cref="DomainException"/> naming
/// the problem — when none is approved, a variable is unknown, or a required disclosure is missing from the output.
/// Parley's own senders call it; the caller has already checked the actor and the gate.
/// </summary>
internal sealed class MessageRenderer(ParleyDbContext db, MessageFactsReader facts, TemplateEngine engine) : IBatchMessageRenderer
{
    public async Task<IReadOnlyList<BatchRendered>> RenderManyAsync(IReadOnlyList<(TemplateKey Key, AccountId Account)> items, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        // The approved version once per key and the facts once per account, for the whole batch.
        var templates = new Dictionary<TemplateKey, MessageTemplate?>();
        foreach (var key in items.Select(i => i.Key).Distinct())
        {
            templates[key] = await TemplateQueries.ApprovedAsync(db, key, cancellationToken);
        }

        var read = await facts.ReadManyAsync([.. items.Select(i => i.Account).Distinct()], at, cancellationToken);
        var rendered = new BatchRendered[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var (key, account) = items[i];
            if (templates[key] is not { } template)
            {
                rendered[i] = new BatchRendered(null, new NoApprovedTemplate(key), null);
                continue;
            }

            if (!read.TryGetValue(account, out var found))
            {
                rendered[i] = new BatchRendered(null, new OutreachAccountNotFound(account), null);
                continue;
            }

            var outcome = await engine.RenderAsync(key, template.Subject, template.Body, found.Facts, cancellationToken);
            rendered[i] = outcome.Errors.Count > 0
                ? new BatchRendered(null, outcome.Errors[0], found.Account)
                : new BatchRendered(new RenderedMessage(key, template.Name, template.Version, outcome.Subject, outcome.Text, outcome.Html, outcome.Disclosures), null, found.Account);
        }

        return rendered;
    }

    public async Task<RenderedMessage> RenderAsync(TemplateKey key, AccountId account, Instant at, CancellationToken cancellationToken)
    {
        var template = await TemplateQueries.ApprovedAsync(db, key, cancellationToken) ?? throw new DomainException(new NoApprovedTemplate(key));
        var accountFacts = await facts.ReadAsync(account, at, cancellationToken) ?? throw new DomainException(new OutreachAccountNotFound(account));
        var outcome = await engine.RenderAsync(key, template.Subject, template.Body, accountFacts, cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            throw new DomainException(outcome.Errors[0]);
        }

        return new RenderedMessage(key, template.Name, template.Version, outcome.Subject, outcome.Text, outcome.Html, outcome.Disclosures);
    }
}

internal static class TemplateQueries
{
    public static Task<MessageTemplate?> ApprovedAsync(ParleyDbContext db, TemplateKey key, CancellationToken cancellationToken) =>
        db.Set<MessageTemplate>().AsNoTracking().SingleOrDefaultAsync(
            t => t.Purpose == key.Purpose && t.Channel == key.Channel && t.Language == key.Language && t.Tone == key.Tone && t.Status == TemplateStatus.Approved,
            cancellationToken);

    public static IQueryable<MessageTemplate> OfKey(ParleyDbContext db, TemplateKey key) =>
        db.Set<MessageTemplate>().Where(t => t.Purpose == key.Purpose && t.Channel == key.Channel && t.Language == key.Language && t.Tone == key.Tone);
}

/// <summary>How many SMS parts a text takes: GSM-7 (160, or 153 per part) when every character is in its basic set, else UCS-2 (70, or 67).</summary>
public static class SmsSegments
{
    private const string Gsm7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Gsm7Extended = "^{}\\[~]|€";

    public static int Count(string text)
    {
        var gsm = true;
        var units = 0;
        foreach (var c in text)
        {
            if (Gsm7.Contains(c, StringComparison.Ordinal))
            {
                units++;
            }
            else if (Gsm7Extended.Contains(c, StringComparison.Ordinal))
            {
                units += 2;
            }
            else
            {
                gsm = false;
                break;
            }
        }

        if (!gsm)
        {
            units = text.Length;
            return units <= 70 ? 1 : (int)Math.Ceiling(units / 67.0);
        }

        return units <= 160 ? 1 : (int)Math.Ceiling(units / 153.0);
    }
}
