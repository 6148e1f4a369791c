namespace Parley.Modules.Care.Contracts;

/// <summary>One pass of Care's retention rule (the care-retention job runs it daily).</summary>
public sealed record EnforceCareRetentionRequest;

/// <summary>What a pass did: review items opened for confirmed records past their review date, dismissed proposals erased.</summary>
public sealed record CareRetentionSummary(int ReviewsOpened, int ProposalsErased);
