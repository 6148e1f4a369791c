using System.Security.Claims;
using Parley.SharedKernel.Security;

namespace Parley.Testing;

/// <summary>Signed-in staff members for use cases that check the acting person's roles themselves.</summary>
public static class Staff
{
    /// <summary>A member of staff working for every creditor (the "*" creditor claim; without one they would work for none).</summary>
    public static ClaimsPrincipal As(string name, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(CreditorScope.ClaimType, "*"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    /// <summary>The actor a use case sees for this member of staff, working for every creditor.</summary>
    public static Actor Acting(string name, params string[] roles) => Actor.From(As(name, roles));

    /// <summary>An agent working for every creditor: who places holds, proposes plans and takes payments.</summary>
    public static Actor Agent { get; } = Acting("agent@parley", StaffRoles.Agent);

    public static Actor Supervisor { get; } = Acting("supervisor@parley", StaffRoles.Supervisor);
}
