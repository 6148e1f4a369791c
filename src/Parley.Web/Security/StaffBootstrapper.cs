using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Persistence;
using Parley.SharedKernel.Security;

namespace Parley.Web.Security;

/// <summary>
/// First run: creates the staff roles, and the first admin from <c>Parley:Bootstrap:AdminEmail</c> and
/// <c>Parley:Bootstrap:AdminPassword</c> when there are no users yet. There is no self-registration.
/// </summary>
public sealed partial class StaffBootstrapper(
    RoleManager<IdentityRole> roles,
    StaffDirectory directory,
    UserManager<StaffUser> users,
    IConfiguration configuration,
    ILogger<StaffBootstrapper> logger)
{
    public const string AdminEmailKey = "Parley:Bootstrap:AdminEmail";
    public const string AdminPasswordKey = "Parley:Bootstrap:AdminPassword";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                EnsureSucceeded(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        var email = configuration[AdminEmailKey];
        var password = configuration[AdminPasswordKey];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        await directory.HandleAsync(Actor.System("first-run admin"), new NewStaffUser(email, "Administrator", password, [StaffRoles.Admin], AllCreditors: true), cancellationToken);
        LogAdminCreated(logger, email);
    }

    internal static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first admin {Email} from configuration; sign in and add staff from the Staff page.")]
    private static partial void LogAdminCreated(ILogger logger, string email);
}
