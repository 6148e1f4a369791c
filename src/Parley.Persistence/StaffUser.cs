using Microsoft.AspNetCore.Identity;

namespace Parley.Persistence;

/// <summary>A member of staff who signs in to the workdesk and back office.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
