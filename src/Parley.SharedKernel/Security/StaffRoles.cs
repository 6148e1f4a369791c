namespace Parley.SharedKernel.Security;

/// <summary>The staff roles; a user may hold several.</summary>
public static class StaffRoles
{
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Compliance = "Compliance";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Compliance, Admin];
}

/// <summary>Authorization policy names every endpoint uses; the web host defines what each requires.</summary>
public static class StaffPolicies
{
    /// <summary>Any signed-in member of staff.</summary>
    public const string Staff = "staff";

    /// <summary>Supervisors and admins: approvals, imports, ledger corrections.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Compliance officers and admins.</summary>
    public const string Compliance = "compliance";

    /// <summary>Compliance officers, supervisors and admins: evaluating proposals against the compliance gate.</summary>
    public const string ComplianceOrSupervisor = "compliance-or-supervisor";

    /// <summary>Admins only: users, configuration.</summary>
    public const string Admin = "admin";
}
