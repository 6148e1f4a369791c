using System.Security.Claims;

namespace Parley.SharedKernel.Security;

/// <summary>The creditors an actor works for: every one (agency admins, the system) or a named set.</summary>
public sealed record CreditorScope
{
    /// <summary>The claim that names one creditor a staff user works for; "*" means all of them.</summary>
    public const string ClaimType = "parley:creditor";

    private readonly IReadOnlySet<CreditorId>? _only;

    private CreditorScope(IReadOnlySet<CreditorId>? only) => _only = only;

    public static CreditorScope All { get; } = new((IReadOnlySet<CreditorId>?)null);

    public static CreditorScope None { get; } = new(new HashSet<CreditorId>());

    public static CreditorScope Only(IEnumerable<CreditorId> creditors) => new(creditors.ToHashSet());

    public bool IsAll => _only is null;

    /// <summary>The named creditors, or null when the scope is all of them.</summary>
    public IReadOnlySet<CreditorId>? Named => _only;

    public bool Includes(CreditorId creditor) => _only is null || _only.Contains(creditor);

    /// <summary>
    /// Reads the <see cref="ClaimType"/> claims: "*" is every creditor, a creditor id adds that creditor. A user with no
    /// creditor claim works for no creditor (ADR 13): scope fails closed, and only Parley itself sees everything unasked.
    /// </summary>
    public static CreditorScope FromClaims(ClaimsPrincipal principal)
    {
        var claims = principal.FindAll(ClaimType).Select(c => c.Value).ToList();
        if (claims.Contains("*"))
        {
            return All;
        }

        return Only(claims.Select(v => Guid.TryParse(v, out var id) ? CreditorId.From(id) : (CreditorId?)null).OfType<CreditorId>());
    }

    public bool Equals(CreditorScope? other) =>
        other is not null && (_only is null ? other._only is null : other._only is not null && _only.SetEquals(other._only));

    public override int GetHashCode() => _only is null ? 0 : _only.Count;
}
