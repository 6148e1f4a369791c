using Microsoft.EntityFrameworkCore;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Care.UseCases;

/// <summary>Stored rows to views; vulnerability drivers and their evidence only for the roles that may read special-category data.</summary>
internal static class CareViews
{
    public static bool MaySeeSpecial(Actor actor) => actor is SystemProcess || (actor is StaffMember s && s.IsInAnyRole([.. CareRoles.SpecialCategory]));

    /// <summary>A vulnerability driver, distress, or an emotion that tells of distress (sadness, grief, fear, nervousness) in a reading's tone.</summary>
    public static bool IsSpecial(string code) =>
        (CareLabels.TryParse(code, out var label) && CareLabels.DriverOf(label) is not null) || code == CareLabels.Code(CareLabel.Distress)
        || CareLabels.DistressEmotions.Contains(code);

    public static CareReadingView Reading(CareReading r, Actor actor)
    {
        var special = MaySeeSpecial(actor);
        var hidden = !special && r.Flags.Any(f => IsSpecial(f.Code));
        return new CareReadingView(
            r.Id, r.AccountId, r.MessageId, r.Source, r.ModelVersion, r.ReadAt, r.Text, r.Dispute, special ? r.Distress : 0, r.Crisis,
            [.. r.Flags.Where(f => special || !IsSpecial(f.Code)).Select(f => new CareFlagView(f.Code, f.Probability, f.Source, ShownOnly(f, r.Flags)))],
            [.. r.Evidence.Where(e => special || !IsSpecial(e.Code)).Select(e => Evidence(e, r.Text))],
            hidden,
            [.. r.Tone.Where(e => special || !IsSpecial(e))]);
    }

    /// <summary>The phrase is cut from the decrypted reading text here, on read: only the span is stored.</summary>
    public static CareEvidenceView Evidence(StoredEvidence e, string text) => new(e.Code, e.Start, e.Length, e.PhraseIn(text), e.Rule);

    public static CareItemView Item(CareItem i, CareReading? reading, IReadOnlyList<SupportLine> lines, Actor actor)
    {
        var special = MaySeeSpecial(actor);
        var labels = i.Kind == CareItemKind.Vulnerability && !special ? ["vulnerability"] : i.Labels.Where(l => special || !IsSpecial(l)).ToList();
        var evidence = reading is null ? [] : reading.Evidence.Where(e => (special || !IsSpecial(e.Code)) && (i.Labels.Contains(e.Code) || (i.Kind == CareItemKind.ValidationTask && IsDisputeKind(e.Code)) || i.Kind == CareItemKind.Crisis && e.Code == "crisis")).Select(e => Evidence(e, reading.Text)).ToList();
        return new CareItemView(
            i.Id, i.AccountId, i.Kind, CareItemKinds.Title(i.Kind), i.Status, i.Priority == 0, i.Priority, i.CreatedAt, labels, i.ReadingId, i.MessageId, i.HoldId,
            special ? i.VulnerabilityRecordId : null, evidence, i.Kind == CareItemKind.Crisis ? lines : [],
            [.. i.Log.Select(Log)]);
    }

    /// <summary>The record with each span's phrase cut from the text of the reading it came from (<paramref name="texts"/>, by reading id).</summary>
    public static VulnerabilityRecordView Record(VulnerabilityRecord v, IReadOnlyDictionary<Guid, string> texts) => new(
        v.Id, v.AccountId, v.Status, v.Drivers, [.. v.Evidence.Select(e => Evidence(e, e.ReadingId is { } r ? texts.GetValueOrDefault(r, "") : ""))],
        v.ConsentGivenAt is { } at ? new VulnerabilityConsent(v.ConsentGivenBy ?? "", at, v.ConsentHow ?? "", v.ConsentAgreedTo ?? "") : null,
        v.ProposedAt, v.ReviewDueAt, v.HoldId, [.. v.Audit.Select(Log)]);

    /// <summary>The decrypted texts of the readings a record's evidence points into.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> TextsAsync(ParleyDbContext db, IEnumerable<VulnerabilityRecord> records, CancellationToken cancellationToken)
    {
        var ids = records.SelectMany(r => r.Evidence).Where(e => e.ReadingId is not null).Select(e => e.ReadingId!.Value).Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Set<CareReading>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Text, cancellationToken);
    }

    private static CareLogEntryView Log(CareLogEntry l) => new(l.At, l.By, l.Action, l.Reason, l.Hold is { } h ? new HoldId(h) : null);

    /// <summary>
    /// As <see cref="Acting.CareActions"/> decides: a flag the model alone raised under <see cref="Acting.CareActions.ActOnModelAt"/> moves nothing —
    /// except crisis, which acts at any flag, and a dispute carried by a kind that acts.
    /// </summary>
    private static bool ShownOnly(StoredFlag f, IReadOnlyList<StoredFlag> all)
    {
        static bool ModelUnderActing(StoredFlag x) => x.Source == nameof(SignalSource.Model) && x.Probability < Acting.CareActions.ActOnModelAt;
        return ModelUnderActing(f) && f.Code != CareLabels.Code(CareLabel.Crisis)
            && !(f.Code == CareLabels.Code(CareLabel.Dispute) && all.Any(k => k.Code != f.Code && IsDisputeKind(k.Code) && !ModelUnderActing(k)));
    }

    private static bool IsDisputeKind(string code) => CareLabels.TryParse(code, out var label) && (label == CareLabel.Dispute || CareLabels.DisputeKinds.Contains(label));
}

/// <summary>Crisis lines by the customer's country (ISO 3166-1 alpha-2); a country not listed gets all of them.</summary>
public static class SupportLines
{
    private static readonly SupportLine[] All =
    [
        new("US", "988 Suicide & Crisis Lifeline", "call or text 988"),
        new("GB", "Samaritans", "call 116 123 (free, any time)"),
        new("ES", "Línea 024 de atención a la conducta suicida", "llame al 024"),
    ];

    public static IReadOnlyList<SupportLine> For(Jurisdiction? jurisdiction) =>
        jurisdiction is { } j && All.Where(l => l.Country == j.Country).ToList() is { Count: > 0 } lines ? lines : All;
}
