using Microsoft.AspNetCore.Identity;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Web.Security;

/// <summary>Stops a member of staff signing in and ends every session of theirs, until an admin enables them again.</summary>
public sealed record DisableStaff(string User);

/// <summary>Lets a disabled or locked member of staff sign in again.</summary>
public sealed record EnableStaff(string User);

/// <summary>Ends every session of a member of staff (cookies and bearer tokens alike): "sign out everywhere".</summary>
public sealed record RevokeStaffSessions(string User);

/// <summary>
/// An admin's say over whether someone may sign in (ADR 15). Each renews or keeps the user's security stamp, which
/// every request checks, so a disabled user's cookies and tokens stop working at once. An admin acts only on staff who
/// work within the admin's own creditors (<see cref="StaffDirectory.MustReachAsync"/>); anyone else reads as unknown, as in ADR 13.
/// </summary>
public sealed class StaffAccess(UserManager<StaffUser> users, StaffDirectory directory)
    : IUseCase<DisableStaff, StaffUserSummary>, IUseCase<EnableStaff, StaffUserSummary>, IUseCase<RevokeStaffSessions, StaffUserSummary>
{
    public async Task<StaffUserSummary> HandleAsync(Actor actor, DisableStaff request, CancellationToken cancellationToken)
    {
        var user = await TargetAsync(actor, request.User, "disable a member of staff");
        if (string.Equals(user.UserName, actor.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(new StaffCannotDisableSelf());
        }

        StaffBootstrapper.EnsureSucceeded(await users.SetLockoutEnabledAsync(user, true), $"enable lockout for {user.Email}");
        StaffBootstrapper.EnsureSucceeded(await users.SetLockoutEndDateAsync(user, StaffSessions.DisabledUntil), $"disable {user.Email}");
        StaffBootstrapper.EnsureSucceeded(await users.UpdateSecurityStampAsync(user), $"end {user.Email}'s sessions");
        return await directory.SummaryAsync(user.Id, cancellationToken);
    }

    public async Task<StaffUserSummary> HandleAsync(Actor actor, EnableStaff request, CancellationToken cancellationToken)
    {
        var user = await TargetAsync(actor, request.User, "enable a member of staff");
        StaffBootstrapper.EnsureSucceeded(await users.SetLockoutEndDateAsync(user, null), $"enable {user.Email}");
        StaffBootstrapper.EnsureSucceeded(await users.ResetAccessFailedCountAsync(user), $"reset {user.Email}'s failed sign-ins");
        return await directory.SummaryAsync(user.Id, cancellationToken);
    }

    public async Task<StaffUserSummary> HandleAsync(Actor actor, RevokeStaffSessions request, CancellationToken cancellationToken)
    {
        var user = await TargetAsync(actor, request.User, "sign a member of staff out everywhere");
        StaffBootstrapper.EnsureSucceeded(await users.UpdateSecurityStampAsync(user), $"end {user.Email}'s sessions");
        return await directory.SummaryAsync(user.Id, cancellationToken);
    }

    /// <summary>The user, when the actor is an admin whose creditors cover everyone the user works for.</summary>
    private async Task<StaffUser> TargetAsync(Actor actor, string id, string action)
    {
        actor.MustBeStaff(action, [StaffRoles.Admin]);
        var user = await users.FindByIdAsync(id) ?? throw new DomainException(new StaffUserNotFound(id));
        await directory.MustReachAsync(actor, user);
        return user;
    }
}

public sealed record StaffCannotDisableSelf()
    : DomainError("staff.cannot_disable_self", "You cannot disable your own account; another admin can.", ErrorKind.Conflict);
