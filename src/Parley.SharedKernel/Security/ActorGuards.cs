namespace Parley.SharedKernel.Security;

/// <summary>A use case refused to an actor whose role does not allow it; names what was needed.</summary>
public sealed record ActorNotAllowed(string Action, IReadOnlyList<string> Roles)
    : DomainError("actor.not_allowed", $"Only {Listed(Roles)} may {Action}.", ErrorKind.Forbidden)
{
    public override IReadOnlyDictionary<string, object?>? Extensions => new Dictionary<string, object?> { ["allowedRoles"] = Roles };

    private static string Listed(IReadOnlyList<string> roles) => roles.Count switch
    {
        0 => "Parley itself",
        1 => $"a member of staff with the {roles[0]} role",
        _ => $"a member of staff with the {string.Join(", ", roles.Take(roles.Count - 1))} or {roles[^1]} role",
    };
}

/// <summary>The checks every use case makes on its actor before it reads or changes anything.</summary>
public static class ActorGuards
{
    /// <summary>
    /// Refuses (403) unless the actor is staff in one of <paramref name="roles"/> (any staff role when none are named:
    /// a user with no role is nobody's staff), or Parley itself when <paramref name="allowSystem"/>. Refuses with <paramref name="refusal"/> when
    /// given, so a use case can keep its own code.
    /// </summary>
    public static void MustBeStaff(this Actor actor, string action, IReadOnlyList<string> roles, bool allowSystem = false, DomainError? refusal = null)
    {
        var allowed = actor switch
        {
            StaffMember staff => (roles.Count == 0 ? StaffRoles.All : roles).Any(staff.Roles.Contains),
            SystemProcess => allowSystem,
            _ => false,
        };
        if (!allowed)
        {
            throw new DomainException(refusal ?? new ActorNotAllowed(action, roles));
        }
    }

    /// <summary>
    /// Refuses with <paramref name="notFound"/> (404) when the creditor is outside the actor's scope: an id the actor
    /// may not see answers exactly as one that does not exist, so ids cannot be probed.
    /// </summary>
    public static void MustSee(this Actor actor, CreditorId creditor, DomainError notFound)
    {
        if (!actor.Creditors.Includes(creditor))
        {
            throw new DomainException(notFound);
        }
    }
}
