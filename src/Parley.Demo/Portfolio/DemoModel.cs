using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;

namespace Parley.Demo.Portfolio;

/// <summary>What happens to a person during their statement history; it drives their capacity to pay month by month.</summary>
public enum LifeStory
{
    Steady,
    JobLoss,
    Illness,
    PayCut,
    SummerWork,
    HarvestWork,
    Overextended,
    Unwilling,
}

/// <summary>A generated person: identity and contact points, their latent ability and willingness to pay, and their debts.</summary>
public sealed class DemoPerson
{
    public required int Index { get; init; }

    public required string GivenName { get; init; }

    public required string FamilyName { get; init; }

    public required LocalDate DateOfBirth { get; init; }

    public required string Language { get; init; }

    public required Place Place { get; init; }

    public required string AddressLine1 { get; init; }

    public required string? AddressLine2 { get; init; }

    public required string PostalCode { get; init; }

    /// <summary>The mobile as written in the file (national or E.164 form, as creditors send them).</summary>
    public required string MobilePhone { get; init; }

    public required string MobileE164 { get; init; }

    public required string MobileConsent { get; init; }

    public required string? HomePhone { get; init; }

    public required string? WorkPhone { get; init; }

    public required string? Email { get; init; }

    public required bool EmailIsWork { get; init; }

    public required bool EmailConsent { get; init; }

    public required LifeStory Story { get; init; }

    /// <summary>0..1: how much of what is due the person could pay in a normal month.</summary>
    public required double Ability { get; init; }

    /// <summary>0..1: how much the person wants to pay when they can.</summary>
    public required double Willingness { get; init; }

    /// <summary>How many months before the as-of date the life event struck (job loss, illness, pay cut).</summary>
    public required int EventMonthsAgo { get; init; }

    /// <summary>Months before the as-of date at which a person who lost a job found work again, if they did.</summary>
    public required int? RecoveryMonthsAgo { get; init; }

    public required bool Vulnerable { get; init; }

    public List<DemoCustomer> Customers { get; } = [];

    public int AccountCount => Customers.Sum(c => c.Accounts.Count);
}

/// <summary>A person as one creditor knows them: the creditor's customer reference, accounts and holds.</summary>
public sealed class DemoCustomer(DemoCreditor creditor, string customerReference)
{
    public DemoCreditor Creditor { get; } = creditor;

    public string CustomerReference { get; } = customerReference;

    public List<DemoAccount> Accounts { get; } = [];

    public List<DemoHold> Holds { get; } = [];
}

public sealed class DemoAccount
{
    public required string Reference { get; init; }

    public required ProductType Product { get; init; }

    public required long PrincipalMinor { get; init; }

    public required long InterestMinor { get; init; }

    public required long FeesMinor { get; init; }

    public required LocalDate? ChargeOffDate { get; init; }

    public required LocalDate? LastPaymentDate { get; init; }

    public required int DaysPastDue { get; init; }

    public required LocalDate? StatuteOfLimitationsDate { get; init; }

    public required AccountStatus Status { get; init; }

    public required IReadOnlyList<DemoStatement> Statements { get; init; }

    public long BalanceMinor => PrincipalMinor + InterestMinor + FeesMinor;
}

/// <summary>One monthly cycle: what was billed, the minimum, what was paid against it, and days past due at its close.</summary>
public readonly record struct DemoStatement(LocalDate Date, long AmountDueMinor, long MinimumDueMinor, long AmountPaidMinor, int DaysPastDue);

/// <summary>A pause on collection the seeder places after import; AccountReference null means all the customer's accounts.</summary>
public sealed record DemoHold(HoldType Type, string? AccountReference, LocalDate StartsOn, int? PlannedDays, bool ResumesAutomatically, string Reason);
