using System.Security.Claims;

namespace Parley.Testing;

/// <summary>Signed-in staff members for use cases that check the acting person's roles themselves.</summary>
public static class Staff
{
    public static ClaimsPrincipal As(string name, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));
}
