using System.Security.Claims;

namespace Parley.SharedKernel.Security;

/// <summary>
/// Who is acting. Every use case takes one and checks its own permission and creditor scope, so the API, the pages,
/// the CLI and jobs share one guarded path whatever front door they came through.
/// </summary>
public abstract record Actor
{
    /// <summary>The name recorded beside what the actor did (a user name, or the job or command for the system).</summary>
    public abstract string Name { get; }

    /// <summary>The creditors whose accounts this actor may see and act on.</summary>
    public abstract CreditorScope Creditors { get; }

    /// <summary>The actor a signed-in principal stands for; anyone not signed in is <see cref="Anonymous"/>.</summary>
    public static Actor From(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return Anonymous.Instance;
        }

        var roles = principal.FindAll(principal.Identities.First().RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new StaffMember(name, roles, CreditorScope.FromClaims(principal));
    }

    /// <summary>Parley itself: a scheduled job, an outbox handler or an operator's command on the server.</summary>
    public static Actor System(string what) => new SystemProcess(what);
}

/// <summary>A signed-in member of staff with their roles (<see cref="StaffRoles"/>) and the creditors they work for.</summary>
public sealed record StaffMember(string UserName, IReadOnlySet<string> Roles, CreditorScope Scope) : Actor
{
    public override string Name => UserName;

    public override CreditorScope Creditors => Scope;

    public bool IsInAnyRole(params ReadOnlySpan<string> roles)
    {
        foreach (var role in roles)
        {
            if (Roles.Contains(role))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Parley acting for itself (jobs, outbox handlers, the operator's CLI on the server): every creditor, no staff role.</summary>
public sealed record SystemProcess(string What) : Actor
{
    public override string Name => $"system:{What}";

    public override CreditorScope Creditors => CreditorScope.All;
}

/// <summary>Nobody signed in: sees nothing and may do nothing that a use case guards.</summary>
public sealed record Anonymous : Actor
{
    public static Anonymous Instance { get; } = new();

    public override string Name => "anonymous";

    public override CreditorScope Creditors => CreditorScope.None;
}
