using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Domain;

/// <summary>One creditor's contact budget, replaced whole on every change; who changed it last, when and why.</summary>
public sealed class CreditorContactBudget
{
    private CreditorContactBudget()
    {
        ChangedBy = "";
        Reason = "";
    }

    public CreditorContactBudget(CreditorId creditorId, ContactBudget budget, Instant at, string changedBy, string reason)
    {
        CreditorId = creditorId;
        ChangedBy = "";
        Reason = "";
        Change(budget, at, changedBy, reason);
    }

    public CreditorId CreditorId { get; private set; }

    public int? CallsPer7Days { get; private set; }

    public int? TextsPer7Days { get; private set; }

    public int? EmailsPer7Days { get; private set; }

    public int? LettersPer7Days { get; private set; }

    public Instant ChangedAt { get; private set; }

    public string ChangedBy { get; private set; }

    public string Reason { get; private set; }

    public ContactBudget Budget => new(CallsPer7Days, TextsPer7Days, EmailsPer7Days, LettersPer7Days);

    public void Change(ContactBudget budget, Instant at, string changedBy, string reason)
    {
        (CallsPer7Days, TextsPer7Days, EmailsPer7Days, LettersPer7Days) = (budget.CallsPer7Days, budget.TextsPer7Days, budget.EmailsPer7Days, budget.LettersPer7Days);
        (ChangedAt, ChangedBy, Reason) = (at, changedBy, reason);
    }
}
