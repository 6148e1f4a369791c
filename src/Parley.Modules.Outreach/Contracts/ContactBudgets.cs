using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Contracts;

/// <summary>A creditor's contact budget: who set it, when and why (<see cref="Budget"/> all nulls: only the law's caps).</summary>
public sealed record ContactBudgetView(CreditorId CreditorId, ContactBudget Budget, string? ChangedBy, Instant? ChangedAt, string? Reason);

/// <summary>The creditor's contact budget.</summary>
public sealed record GetContactBudgetRequest(CreditorId Creditor);

/// <summary>
/// Sets the creditor's own ceiling on outbound contacts with one customer per channel in any 7 days (null: none of its
/// own). Calls may not exceed Reg F's 7 in 7 days; the other channels 21. The law's caps apply whatever the budget.
/// </summary>
public sealed record ChangeContactBudgetRequest(CreditorId Creditor, ContactBudget Budget, string Reason);
