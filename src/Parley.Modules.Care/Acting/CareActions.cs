using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Care.Acting;

/// <summary>
/// The one reading path (an inbound message's event, a note staff submit): classify, store the reading, and act on its
/// flags as <see cref="Actor.System"/> — holds through the Accounts module's use case, items for people, a proposed
/// vulnerability record. Everything is added to the caller's context; placing a hold saves it all in one transaction.
/// </summary>
public sealed class CareActions(
    ParleyDbContext db,
    ICareClassifier classifier,
    IAccountOwners owners,
    IUseCase<GetAccountDetailsRequest, AccountDetails> details,
    IUseCase<PlaceHoldRequest, HoldView> placeHold,
    IClock clock)
{
    /// <summary>
    /// A flag only the model raised moves Parley to act (a hold, a proposed record) at this probability; below it the
    /// flag stays on the reading for a person to see. The model's own thresholds are set for recall (dispute's keeps 90 %
    /// at ~0.06), which is right for ranking and wrong for pausing collection on a word like "debt" (ADR 21). Rules and
    /// crisis act whatever the score.
    /// </summary>
    public const double ActOnModelAt = 0.5;

    private static readonly Actor Parley = Actor.System(CareActor.What);

    private static readonly (CareLabel Label, CareItemKind Kind, HoldType? Hold)[] Routed =
    [
        (CareLabel.CeaseCommunication, CareItemKind.CeaseCommunication, HoldType.CeaseCommunication),
        (CareLabel.Bankruptcy, CareItemKind.Bankruptcy, HoldType.Bankruptcy),
        (CareLabel.Deceased, CareItemKind.Deceased, HoldType.Deceased),
        (CareLabel.Attorney, CareItemKind.Attorney, HoldType.AttorneyRepresented),
        (CareLabel.Complaint, CareItemKind.Complaint, null),
        (CareLabel.AsksForPerson, CareItemKind.AsksForPerson, null),
    ];

    /// <summary>Whether this message (or note) has been read already, in the store or earlier in this context.</summary>
    public async Task<bool> AlreadyReadAsync(Guid messageId, CancellationToken cancellationToken) =>
        db.ChangeTracker.Entries<CareReading>().Any(e => e.Entity.MessageId == messageId)
        || await db.Set<CareReading>().AnyAsync(r => r.MessageId == messageId, cancellationToken);

    /// <summary>Reads and acts. Throws before anything is added when the text cannot be read (too large).</summary>
    public async Task<CareReading> ReadAndActAsync(AccountId account, Guid messageId, string source, string text, CancellationToken cancellationToken)
    {
        var owner = await owners.GetAsync(account, cancellationToken) ?? throw new DomainException(new CareAccountNotFound(account));
        if (text.Length > ICareClassifier.MaxLength)
        {
            throw new DomainException(new CareTextTooLarge(text.Length));
        }

        var c = classifier.Classify(new CareText(text, LooksLikeHtml(text) ? CareTextFormat.Html : CareTextFormat.Plain));
        var now = clock.GetCurrentInstant();
        var reading = new CareReading(account, messageId, source, c, now);
        var added = new List<object> { reading };
        db.Add(reading);
        try
        {
            await ActAsync(owner, reading, c, now, added, cancellationToken);
        }
        catch
        {
            // Nothing half-done stays in the caller's context (the outbox saves it with the failure otherwise).
            foreach (var entity in added)
            {
                db.Entry(entity).State = EntityState.Detached;
            }

            throw;
        }

        return reading;
    }

    /// <summary>The message could not be read after its tries: a person reads it.</summary>
    public async Task AskAPersonAsync(AccountId account, Guid messageId, string why, CancellationToken cancellationToken)
    {
        var owner = await owners.GetAsync(account, cancellationToken);
        if (owner is null)
        {
            return;
        }

        db.Add(new CareItem(account, owner.CreditorId, CareItemKind.ReadYourself, [], null, messageId, clock.GetCurrentInstant(), why));
    }

    private async Task ActAsync(AccountOwner owner, CareReading reading, CareClassification c, Instant now, List<object> added, CancellationToken cancellationToken)
    {
        var account = owner.AccountId;
        var open = await db.Set<CareItem>().Where(i => i.AccountId == account && i.Status == CareItemStatus.Open).ToListAsync(cancellationToken);
        open.AddRange(db.ChangeTracker.Entries<CareItem>().Where(e => e.State == EntityState.Added && e.Entity.AccountId == account).Select(e => e.Entity));
        IReadOnlyList<HoldView>? holds = null;
        async Task<IReadOnlyList<HoldView>> ActiveHoldsAsync() =>
            holds ??= [.. (await details.HandleAsync(Parley, new GetAccountDetailsRequest(account), cancellationToken)).Holds.Where(h => h.IsActive)];

        var pendingHolds = new List<(CareItem Item, HoldType Type, string Reason)>();

        CareItem Item(CareItemKind kind, IEnumerable<string> labels, string why)
        {
            if (open.FirstOrDefault(i => i.Kind == kind) is { } existing)
            {
                existing.AddLabels(labels);
                existing.Record(now, CareActor.Name, "another message", $"{why} (reading {reading.Id})");
                return existing;
            }

            var item = new CareItem(account, owner.CreditorId, kind, labels, reading.Id, reading.MessageId, now, why);
            db.Add(item);
            added.Add(item);
            open.Add(item);
            return item;
        }

        // Why, without the customer's words (ADR 21): the label and the rules that matched, or the model's score.
        // Logs and hold reasons are read by other roles and exports; the words stay in the encrypted reading.
        string Why(CareLabel label, double probability)
        {
            var rules = c.Evidence
                .Where(e => (e.Label == label || (label == CareLabel.Dispute && CareLabels.DisputeKinds.Contains(e.Label))) && e.Rule != "model")
                .Select(e => e.Rule).Distinct(StringComparer.Ordinal).Take(3).ToList();
            return rules.Count > 0 ? $"rule {string.Join(", ", rules)}" : $"model score {probability:0.00}";
        }

        if (c.Crisis.Flagged)
        {
            var why = Why(CareLabel.Crisis, c.Crisis.Probability);
            var item = Item(CareItemKind.Crisis, [CareLabels.Code(CareLabel.Crisis)], $"crisis ({why}): a person now");
            pendingHolds.Add((item, HoldType.VulnerabilityReview, $"Care: crisis ({why}) in a customer message; automated contact paused until a person has spoken to them"));
        }

        if (c.Dispute.Flagged && (FromRule(c.Dispute.Source) || c.Dispute.Probability >= ActOnModelAt || c.FlaggedIntents.Any(i => CareLabels.DisputeKinds.Contains(i.Label) && Acts(i))))
        {
            var kinds = c.FlaggedIntents.Where(i => CareLabels.DisputeKinds.Contains(i.Label) && Acts(i)).Select(i => i.Code).Append(CareLabels.Code(CareLabel.Dispute));
            var why = Why(CareLabel.Dispute, c.Dispute.Probability);
            var item = Item(CareItemKind.ValidationTask, kinds, $"dispute ({why}): send the verification / validation information");
            pendingHolds.Add((item, HoldType.Dispute, $"Care: dispute ({why}) in a customer message; collection paused until validation is sent"));
        }

        foreach (var (label, kind, hold) in Routed)
        {
            // Rules are the floor for these: a rule-backed flag routes (and holds); a model-only one stays on the reading for a person to see.
            if (c.Intents.FirstOrDefault(i => i.Label == label) is { Flagged: true, Source: SignalSource.Rule or SignalSource.RuleAndModel } flag)
            {
                var why = Why(label, flag.Probability);
                var item = Item(kind, [flag.Code], $"{flag.Code} ({why})");
                if (hold is { } type)
                {
                    pendingHolds.Add((item, type, $"Care: {flag.Code} ({why}) in a customer message"));
                }
            }
        }

        var drivers = c.FlaggedVulnerability.Where(Acts).Select(v => v.Code).ToList();
        if (c.Distress.Flagged && (FromRule(c.Distress.Source) || c.Distress.Probability >= ActOnModelAt))
        {
            drivers.Add(CareLabels.Code(CareLabel.Distress));
        }

        if (drivers.Count > 0)
        {
            var evidence = reading.Evidence.Where(e => drivers.Contains(e.Code)).Select(e => e with { ReadingId = reading.Id }).ToList();
            var item = Item(CareItemKind.Vulnerability, drivers, "possible vulnerability: a specialist confirms it with the customer's consent, or dismisses it");
            var record = item.VulnerabilityRecordId is { } rid
                ? db.Set<VulnerabilityRecord>().Local.FirstOrDefault(r => r.Id == rid) ?? await db.Set<VulnerabilityRecord>().SingleOrDefaultAsync(r => r.Id == rid, cancellationToken)
                : null;
            if (record is null)
            {
                record = new VulnerabilityRecord(account, owner.CreditorId, drivers, evidence, now, $"proposed from reading {reading.Id}");
                db.Add(record);
                added.Add(record);
                item.LinkRecord(record.Id);
            }
            else
            {
                record.Add(drivers, evidence, now, $"reading {reading.Id}");
            }
        }

        foreach (var (item, type, reason) in pendingHolds)
        {
            var active = (await ActiveHoldsAsync()).FirstOrDefault(h => h.Type == type);
            if (active is not null)
            {
                item.LinkHold(item.HoldId ?? active.Id);
                item.Record(now, CareActor.Name, "hold already on", $"{CareHolds.AWords(type)} is already active", active.Id);
                continue;
            }

            // Placing the hold saves the context: the reading, the items and the hold land together.
            var placed = await placeHold.HandleAsync(Parley, new PlaceHoldRequest(account, type, reason), cancellationToken);
            holds = [.. holds!, placed];
            item.LinkHold(placed.Id);
            item.Record(now, CareActor.Name, $"placed {CareHolds.AWords(type)}", reason, placed.Id);
        }
    }

    private static bool FromRule(SignalSource source) => source is SignalSource.Rule or SignalSource.RuleAndModel;

    private static bool Acts(LabelSignal flag) => flag.Flagged && (FromRule(flag.Source) || flag.Probability >= ActOnModelAt);

    private static bool LooksLikeHtml(string text) =>
        text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.Contains("<body", StringComparison.OrdinalIgnoreCase) || text.Contains("<div", StringComparison.OrdinalIgnoreCase);
}
