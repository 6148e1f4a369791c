namespace Parley.Modules.Accounts.Contracts;

// The kinds an account, its standing and its contact points are described by, shared by the API, the pages and the CLI.

public enum ProductType
{
    CreditCard,
    PersonalLoan,
    Bnpl,
    Utility,
    Medical,
    Auto,
    Telecom,
    Other,
}

public enum AccountStatus
{
    Open,
    InArrangement,
    PaidInFull,
    Settled,
    Recalled,
    Closed,

    /// <summary>Paid beyond the debt: nothing is owed and the ledger holds money to refund.</summary>
    InCredit,
}

/// <summary>What each status means for collection (docs/accounts.md, "Account standing").</summary>
public static class AccountStatuses
{
    /// <summary>Nothing is owed: paid in full, settled or in credit. Not past due, not scored, accrues nothing.</summary>
    public static bool OwesNothing(this AccountStatus status) => status is AccountStatus.PaidInFull or AccountStatus.Settled or AccountStatus.InCredit;

    /// <summary>The creditor took the account back or closed it: Parley's ledger and plans no longer move its status.</summary>
    public static bool LeftCollections(this AccountStatus status) => status is AccountStatus.Recalled or AccountStatus.Closed;
}

/// <summary>The usual 30-day delinquency bands, plus charged-off.</summary>
public enum DelinquencyBucket
{
    Current,
    Dpd1To30,
    Dpd31To60,
    Dpd61To90,
    Dpd91To120,
    Dpd121To180,
    Dpd181Plus,
    ChargedOff,
}

public enum PhoneType
{
    Mobile,
    Landline,
    Work,
}

public enum EmailType
{
    Personal,
    Work,
}
