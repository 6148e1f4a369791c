using NodaTime;

namespace Parley.Modules.Outreach.Contracts;

/// <summary>Where a page of the day's plan ended: the next page starts after this contact (the plan's order: scheduled time, then key).</summary>
public sealed record PlanCursor(Instant ScheduledAt, string IdempotencyKey);

/// <summary>
/// The contacts planned on <paramref name="Day"/> (UTC) with <paramref name="Status"/> (any when null), a page of up to
/// <paramref name="Limit"/> (10,000 at most) after <paramref name="After"/> — keyset paging, so writing out a million
/// costs the same per page from the first to the last; staff see their creditors' only.
/// </summary>
public sealed record ExportPlannedContactsRequest(LocalDate Day, PlannedContactStatus? Status = null, PlanCursor? After = null, int Limit = 10_000);

/// <summary>A page of the day's plan and the cursor of the next page (null on the last).</summary>
public sealed record PlannedContactsPage(IReadOnlyList<PlannedContactView> Contacts, PlanCursor? Next);
