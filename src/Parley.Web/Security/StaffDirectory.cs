using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Web.Security;

/// <summary>
/// A new member of staff. They work for the creditors named in <paramref name="Creditors"/>, or every creditor when
/// <paramref name="AllCreditors"/>; naming none leaves them working for no creditor at all (ADR 13).
/// </summary>
public sealed record NewStaffUser(string Email, string DisplayName, string Password, IReadOnlyList<string> Roles,
    IReadOnlyList<Guid>? Creditors = null, bool AllCreditors = false);

/// <summary>Asks for every member of staff with their roles and creditors.</summary>
public sealed record ListStaffRequest;

/// <summary>Sets the creditors a member of staff works for: the named ones, or every creditor.</summary>
public sealed record ChangeStaffCreditors(string User, IReadOnlyList<Guid>? Creditors = null, bool AllCreditors = false);

/// <summary>A creditor a member of staff works for, named as the pages show it.</summary>
public sealed record StaffCreditor(Guid Id, string Code, string Name);

/// <summary>A member of staff as the Staff page and the API list them.</summary>
/// <param name="LockedOut">Locked for a while after wrong passwords from several places (not set while disabled).</param>
/// <param name="Disabled">An admin has disabled them: no sign-in and no session until enabled again.</param>
public sealed record StaffUserSummary(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut,
    bool AllCreditors = false, IReadOnlyList<StaffCreditor>? Creditors = null, bool Disabled = false);

/// <summary>
/// Adding and listing staff and choosing whose accounts they work on: the only way users come into being besides the
/// first-run admin. An admin's work, checked here for the API and the Staff page alike.
/// </summary>
public sealed class StaffDirectory(UserManager<StaffUser> users, ParleyDbContext db, IUseCase<ListCreditorsRequest, IReadOnlyList<CreditorView>> creditors, TimeProvider time)
    : IUseCase<NewStaffUser, StaffUserSummary>, IUseCase<ListStaffRequest, IReadOnlyList<StaffUserSummary>>, IUseCase<ChangeStaffCreditors, StaffUserSummary>
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

        var scope = await GrantableAsync(actor, request.Creditors, request.AllCreditors, cancellationToken);
        var user = new StaffUser { UserName = request.Email, Email = request.Email, DisplayName = request.DisplayName, EmailConfirmed = true };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            throw new DomainException(new StaffUserRejected(created.Errors.ToDictionary(e => e.Code, e => new[] { e.Description })));
        }

        StaffBootstrapper.EnsureSucceeded(await users.AddToRolesAsync(user, request.Roles.Distinct(StringComparer.Ordinal)), $"add roles to {request.Email}");
        if (Claims(scope) is { Count: > 0 } claims)
        {
            StaffBootstrapper.EnsureSucceeded(await users.AddClaimsAsync(user, claims), $"give {request.Email} their creditors");
        }

        return new(user.Id, request.Email, request.DisplayName, [.. request.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], false,
            scope.All, scope.Named);
    }

    public async Task<StaffUserSummary> HandleAsync(Actor actor, ChangeStaffCreditors request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("change whose accounts a member of staff works on", [StaffRoles.Admin]);
        var user = await users.FindByIdAsync(request.User) ?? throw new DomainException(new StaffUserNotFound(request.User));
        await MustReachAsync(actor, user);
        var scope = await GrantableAsync(actor, request.Creditors, request.AllCreditors, cancellationToken);
        var old = (await users.GetClaimsAsync(user)).Where(c => c.Type == CreditorScope.ClaimType).ToList();
        if (old.Count > 0)
        {
            StaffBootstrapper.EnsureSucceeded(await users.RemoveClaimsAsync(user, old), $"take {user.Email}'s creditors");
        }

        if (Claims(scope) is { Count: > 0 } claims)
        {
            StaffBootstrapper.EnsureSucceeded(await users.AddClaimsAsync(user, claims), $"give {user.Email} their creditors");
        }

        // A new stamp ends their cookies and bearer tokens at once (every request checks it): they sign in again with the new creditors.
        StaffBootstrapper.EnsureSucceeded(await users.UpdateSecurityStampAsync(user), $"end {user.Email}'s sessions");
        return await SummaryAsync(user.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<StaffUserSummary>> HandleAsync(Actor actor, ListStaffRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("list the staff", [StaffRoles.Admin]);
        return await ListAsync(cancellationToken);
    }

    /// <summary>One member of staff as the list shows them, for the use cases that change one.</summary>
    internal async Task<StaffUserSummary> SummaryAsync(string id, CancellationToken cancellationToken) => (await ListAsync(cancellationToken, id)).Single();

    private async Task<IReadOnlyList<StaffUserSummary>> ListAsync(CancellationToken cancellationToken, string? only = null)
    {
        var now = time.GetUtcNow();
        var users = db.Users.AsNoTracking();
        if (only is not null)
        {
            users = users.Where(u => u.Id == only);
        }

        var rows = await users.OrderBy(u => u.Email).Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd }).ToListAsync(cancellationToken);
        var roleRows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rolesByUser = roleRows.ToLookup(r => r.UserId, r => r.Name ?? "");
        var claimRows = await db.UserClaims.AsNoTracking().Where(c => c.ClaimType == CreditorScope.ClaimType)
            .Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(cancellationToken);
        var claimsByUser = claimRows.ToLookup(c => c.UserId, c => c.ClaimValue ?? "");
        var named = (await creditors.HandleAsync(Actor.System("staff directory"), new ListCreditorsRequest(), cancellationToken))
            .ToDictionary(c => c.Id, c => new StaffCreditor(c.Id, c.Code, c.Name));
        return [.. rows.Select(u =>
        {
            var values = claimsByUser[u.Id].ToList();
            var all = values.Contains(AllCreditorsClaim);
            IReadOnlyList<StaffCreditor> theirs = all ? [] : [.. values.Select(v => Guid.TryParse(v, out var id) && named.TryGetValue(id, out var c) ? c : null).OfType<StaffCreditor>().OrderBy(c => c.Code, StringComparer.Ordinal)];
            var disabled = StaffSessions.IsDisabled(u.LockoutEnd);
            return new StaffUserSummary(u.Id, u.Email ?? "", u.DisplayName, [.. rolesByUser[u.Id].Order(StringComparer.Ordinal)], !disabled && u.LockoutEnd > now, all, theirs, disabled);
        })];
    }

    private const string AllCreditorsClaim = "*";

    /// <summary>
    /// Refuses, as if there were no such user, an actor whose creditors do not cover everyone <paramref name="user"/>
    /// works for: an admin of one creditor neither re-scopes, disables nor signs out someone who works beyond it.
    /// </summary>
    internal async Task MustReachAsync(Actor actor, StaffUser user)
    {
        if (actor.Creditors.IsAll)
        {
            return;
        }

        var theirs = (await users.GetClaimsAsync(user)).Where(c => c.Type == CreditorScope.ClaimType).Select(c => c.Value);
        if (theirs.Any(v => !Guid.TryParse(v, out var creditor) || !actor.Creditors.Includes(CreditorId.From(creditor))))
        {
            throw new DomainException(new StaffUserNotFound(user.Id));
        }
    }

    /// <summary>
    /// The creditors asked for, when the actor may hand them out: only someone who works for every creditor grants
    /// "all", and a creditor the actor does not work for reads as unknown, so the form cannot be used to probe ids.
    /// </summary>
    private async Task<(bool All, IReadOnlyList<StaffCreditor> Named)> GrantableAsync(Actor actor, IReadOnlyList<Guid>? asked, bool all, CancellationToken cancellationToken)
    {
        if (all && asked is { Count: > 0 })
        {
            throw new DomainException(new StaffCreditorsAmbiguous());
        }

        if (all)
        {
            return actor.Creditors.IsAll ? (true, []) : throw new DomainException(new StaffCreditorsBeyondOwn());
        }

        if (asked is not { Count: > 0 })
        {
            return (false, []);
        }

        var visible = (await creditors.HandleAsync(actor, new ListCreditorsRequest(), cancellationToken)).ToDictionary(c => c.Id);
        var unknown = asked.Where(id => !visible.ContainsKey(id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException(new UnknownStaffCreditor(unknown));
        }

        return (false, [.. asked.Distinct().Select(id => visible[id]).OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => new StaffCreditor(c.Id, c.Code, c.Name))]);
    }

    private static List<Claim> Claims((bool All, IReadOnlyList<StaffCreditor> Named) scope) =>
        scope.All ? [new Claim(CreditorScope.ClaimType, AllCreditorsClaim)] : [.. scope.Named.Select(c => new Claim(CreditorScope.ClaimType, c.Id.ToString()))];
}

public sealed record UnknownStaffRole(IReadOnlyList<string> Roles)
    : DomainError("staff.unknown_role", $"Unknown role(s): {string.Join(", ", Roles)}. Roles are {string.Join(", ", StaffRoles.All)}.", ErrorKind.Validation);

public sealed record StaffUserNeedsRole() : DomainError("staff.role_required", "A member of staff needs at least one role.", ErrorKind.Validation);

public sealed record StaffUserNotFound(string User) : DomainError("staff.not_found", $"There is no member of staff {User}.", ErrorKind.NotFound);

public sealed record UnknownStaffCreditor(IReadOnlyList<Guid> Creditors)
    : DomainError("staff.unknown_creditor", $"No creditor you work for has the id {string.Join(", ", Creditors)}.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["creditors"] = [Detail] };
}

public sealed record StaffCreditorsAmbiguous()
    : DomainError("staff.creditors_ambiguous", "Choose all creditors or name creditors, not both.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { ["allCreditors"] = [Detail] };
}

public sealed record StaffCreditorsBeyondOwn()
    : DomainError("staff.creditors_beyond_own", "Only an admin who works for every creditor may give someone every creditor.", ErrorKind.Forbidden);

public sealed record StaffUserRejected(IReadOnlyDictionary<string, string[]> Problems)
    : DomainError("staff.rejected", string.Join(" ", Problems.Values.SelectMany(v => v)), ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => Problems;
}
