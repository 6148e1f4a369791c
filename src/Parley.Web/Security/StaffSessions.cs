using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Parley.Persistence;

namespace Parley.Web.Security;

/// <summary>
/// Whether a signed-in session still stands (ADR 15): the user exists, their security stamp is the one the cookie or
/// token was issued with, and they are neither locked nor disabled. Checked on every request (one lookup by key), so
/// revoking, disabling, a lock, a new password or new roles or creditors end every session at once.
/// </summary>
public static class StaffSessions
{
    /// <summary>A disabled user is locked until the end of time; an admin's "Enable" lifts it.</summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    /// <summary>Whether a lock lasting until <paramref name="end"/> is a disabling (a database may round the end of time).</summary>
    public static bool IsDisabled(DateTimeOffset? end) => end is { Year: >= 9999 };

    /// <summary>Locked (until a time still to come) or disabled: may not sign in, and no session of theirs stands.</summary>
    public static bool IsBarred(StaffUser user, DateTimeOffset now) => user.LockoutEnd is { } end && end > now;

    /// <summary>Whether the session <paramref name="principal"/> carries still stands (see <see cref="SessionFacts"/>).</summary>
    public static async Task<bool> StandsAsync(ClaimsPrincipal principal, IServiceProvider services)
    {
        var identity = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        if (principal.FindFirstValue(identity.UserIdClaimType) is not { Length: > 0 } userId
            || principal.FindFirstValue(identity.SecurityStampClaimType) is not { Length: > 0 } stamp)
        {
            return false;
        }

        var facts = await services.GetRequiredService<SessionFacts>().OfAsync(userId);
        return facts is { } user && user.SecurityStamp == stamp && !(user.LockoutEnd is { } end && end > services.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    /// <summary>The cookie's check on every request: a session that no longer stands is signed out.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await StandsAsync(context.Principal, context.HttpContext.RequestServices))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}

/// <summary>
/// The API's bearer scheme: Identity's bearer token (under <see cref="TokenScheme"/>) with the session check on top,
/// since the token handler itself only checks the token's signature and expiry.
/// </summary>
public sealed class StaffBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : SignInAuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Identity's own bearer token handler, which issues and reads the tokens.</summary>
    public const string TokenScheme = "Identity.Bearer.Token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = await Context.AuthenticateAsync(TokenScheme);
        if (!token.Succeeded)
        {
            return token;
        }

        return !await StaffSessions.StandsAsync(token.Principal, Context.RequestServices)
            ? AuthenticateResult.Fail("The session this token belongs to has ended: sign in again.")
            : AuthenticateResult.Success(new AuthenticationTicket(token.Principal, token.Properties, Scheme.Name));
    }

    protected override Task HandleSignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties) => Context.SignInAsync(TokenScheme, user, properties);

    protected override Task HandleSignOutAsync(AuthenticationProperties? properties) => Context.SignOutAsync(TokenScheme, properties);

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.ChallengeAsync(TokenScheme, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Context.ForbidAsync(TokenScheme, properties);
}

/// <summary>
/// An open page (a Blazor circuit) outlives the request that opened it; every minute it re-checks that its session
/// still stands, and a revoked, disabled or locked user loses the page's authentication.
/// </summary>
public sealed class StaffCircuitRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await StaffSessions.StandsAsync(authenticationState.User, scope.ServiceProvider);
    }
}

/// <summary>
/// What a session check needs of a user (security stamp and lock), read by primary key without Identity's
/// <c>UserManager</c> and kept for <see cref="Kept"/> per user: every request of a busy API client checked the database,
/// which halved the payment API's throughput (docs/benchmarks.md §1). <see cref="StaffUserManager"/> forgets a user
/// whenever this host saves a change to them, so revoking, disabling, a lock or a new password end sessions on this
/// host at once, and on other hosts within <see cref="Kept"/> (ADR 15).
/// </summary>
public sealed class SessionFacts(IMemoryCache cache, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan Kept = TimeSpan.FromSeconds(5);

    public sealed record Facts(string? SecurityStamp, DateTimeOffset? LockoutEnd);

    public async Task<Facts?> OfAsync(string userId)
    {
        if (cache.TryGetValue(Key(userId), out Facts? known))
        {
            return known;
        }

        // A scope of its own: the request's DbContext must not start tracking the user or share its connection's state.
        await using var scope = scopes.CreateAsyncScope();
        var facts = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<StaffUser>().AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new Facts(u.SecurityStamp, u.LockoutEnd))
            .SingleOrDefaultAsync();
        cache.Set(Key(userId), facts, Kept);
        return facts;
    }

    public void Forget(string userId) => cache.Remove(Key(userId));

    private static string Key(string userId) => $"parley:session:{userId}";
}

/// <summary>Identity's user manager, which makes <see cref="SessionFacts"/> forget a user each time it saves them.</summary>
public sealed class StaffUserManager(
    IUserStore<StaffUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<StaffUser> passwordHasher,
    IEnumerable<IUserValidator<StaffUser>> userValidators,
    IEnumerable<IPasswordValidator<StaffUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<StaffUser>> logger,
    SessionFacts sessions)
    : UserManager<StaffUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(StaffUser user)
    {
        var result = await base.UpdateUserAsync(user);
        sessions.Forget(user.Id);
        return result;
    }
}
