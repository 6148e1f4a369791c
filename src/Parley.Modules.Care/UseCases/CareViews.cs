using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Care.UseCases;

/// <summary>Stored rows to views; vulnerability drivers and their evidence only for the roles that may read special-category data.</summary>
internal static class CareViews
{
    public static bool MaySeeSpecial(Actor actor) => actor is SystemProcess || (actor is StaffMember s && s.IsInAnyRole([.. CareRoles.SpecialCategory]));

    public static bool IsSpecial(string code) =>
        (CareLabels.TryParse(code, out var label) && CareLabels.DriverOf(label) is not null) || code == CareLabels.Code(CareLabel.Distress);

    public static CareReadingView Reading(CareReading r, Actor actor)
    {
        var special = MaySeeSpecial(actor);
        var hidden = !special && r.Flags.Any(f => IsSpecial(f.Code));
        return new CareReadingView(
            r.Id, r.AccountId, r.MessageId, r.Source, r.ModelVersion, r.ReadAt, r.Text, r.Dispute, special ? r.Distress : 0, r.Crisis,
            [.. r.Flags.Where(f => special || !IsSpecial(f.Code)).Select(f => new CareFlagView(f.Code, f.Probability, f.Source))],
            [.. r.Evidence.Where(e => special || !IsSpecial(e.Code)).Select(Evidence)],
            hidden);
    }

    public static CareEvidenceView Evidence(StoredEvidence e) => new(e.Code, e.Start, e.Length, e.Phrase, e.Rule);

    public static CareItemView Item(CareItem i, CareReading? reading, IReadOnlyList<SupportLine> lines, Actor actor)
    {
        var special = MaySeeSpecial(actor);
        var labels = i.Kind == CareItemKind.Vulnerability && !special ? ["vulnerability"] : i.Labels.Where(l => special || !IsSpecial(l)).ToList();
        var evidence = reading is null ? [] : reading.Evidence.Where(e => (special || !IsSpecial(e.Code)) && (i.Labels.Contains(e.Code) || (i.Kind == CareItemKind.ValidationTask && IsDisputeKind(e.Code)) || i.Kind == CareItemKind.Crisis && e.Code == "crisis")).Select(Evidence).ToList();
        return new CareItemView(
            i.Id, i.AccountId, i.Kind, CareItemKinds.Title(i.Kind), i.Status, i.Priority == 0, i.Priority, i.CreatedAt, labels, i.ReadingId, i.MessageId, i.HoldId,
            special ? i.VulnerabilityRecordId : null, evidence, i.Kind == CareItemKind.Crisis ? lines : [],
            [.. i.Log.Select(l => new CareLogEntryView(l.At, l.By, l.Action, l.Reason))]);
    }

    public static VulnerabilityRecordView Record(VulnerabilityRecord v) => new(
        v.Id, v.AccountId, v.Status, v.Drivers, [.. v.Evidence.Select(Evidence)],
        v.ConsentGivenAt is { } at ? new VulnerabilityConsent(v.ConsentGivenBy ?? "", at, v.ConsentHow ?? "", v.ConsentAgreedTo ?? "") : null,
        v.ProposedAt, v.ReviewDueAt, v.HoldId, [.. v.Audit.Select(l => new CareLogEntryView(l.At, l.By, l.Action, l.Reason))]);

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
