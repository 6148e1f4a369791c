using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Web.Security;

public sealed record NewStaffUser(string Email, string DisplayName, string Password, IReadOnlyList<string> Roles);

/// <summary>Asks for every member of staff with their roles.</summary>
public sealed record ListStaffRequest;

public sealed record StaffUserSummary(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut);

/// <summary>
/// Adding and listing staff: the only way users come into being besides the first-run admin. An admin's work, checked
/// here for the API and the Staff page alike.
/// </summary>
public sealed class StaffDirectory(UserManager<StaffUser> users, ParleyDbContext db, TimeProvider time)
    : IUseCase<NewStaffUser, StaffUserSummary>, IUseCase<ListStaffRequest, IReadOnlyList<StaffUserSummary>>
{
    public async Task<StaffUserSummary> HandleAsync(Actor actor, NewStaffUser request, CancellationToken cancellationToken)
    {
        // Parley itself adds only the first admin, from configuration, on a database with no users.
        actor.MustBeStaff("add a member of staff", [StaffRoles.Admin], allowSystem: true);
        var unknown = request.Roles.Except(StaffRoles.All, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException(new UnknownStaffRole(unknown));
        }

        if (request.Roles.Count == 0)
        {
            throw new DomainException(new StaffUserNeedsRole());
        }

        var user = new StaffUser { UserName = request.Email, Email = request.Email, DisplayName = request.DisplayName, EmailConfirmed = true };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            throw new DomainException(new StaffUserRejected(created.Errors.ToDictionary(e => e.Code, e => new[] { e.Description })));
        }

        StaffBootstrapper.EnsureSucceeded(await users.AddToRolesAsync(user, request.Roles.Distinct(StringComparer.Ordinal)), $"add roles to {request.Email}");
        return new(user.Id, request.Email, request.DisplayName, [.. request.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], false);
    }

    public async Task<IReadOnlyList<StaffUserSummary>> HandleAsync(Actor actor, ListStaffRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("list the staff", [StaffRoles.Admin]);
        var now = time.GetUtcNow();
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd }).ToListAsync(cancellationToken);
        var roleRows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rolesByUser = roleRows.ToLookup(r => r.UserId, r => r.Name ?? "");
        return [.. rows.Select(u => new StaffUserSummary(u.Id, u.Email ?? "", u.DisplayName, [.. rolesByUser[u.Id].Order(StringComparer.Ordinal)], u.LockoutEnd > now))];
    }
}

public sealed record UnknownStaffRole(IReadOnlyList<string> Roles)
    : DomainError("staff.unknown_role", $"Unknown role(s): {string.Join(", ", Roles)}. Roles are {string.Join(", ", StaffRoles.All)}.", ErrorKind.Validation);

public sealed record StaffUserNeedsRole() : DomainError("staff.role_required", "A member of staff needs at least one role.", ErrorKind.Validation);

public sealed record StaffUserRejected(IReadOnlyDictionary<string, string[]> Problems)
    : DomainError("staff.rejected", string.Join(" ", Problems.Values.SelectMany(v => v)), ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => Problems;
}
