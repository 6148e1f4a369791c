using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
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

    /// <summary>The user whose session <paramref name="principal"/> is, or null when it no longer stands.</summary>
    public static async Task<StaffUser?> ValidateAsync(ClaimsPrincipal principal, IServiceProvider services)
    {
        var signIn = services.GetRequiredService<SignInManager<StaffUser>>();
        var user = await signIn.ValidateSecurityStampAsync(principal);
        return user is null || IsBarred(user, services.GetRequiredService<TimeProvider>().GetUtcNow()) ? null : user;
    }

    /// <summary>The cookie's check on every request: a session that no longer stands is signed out.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || await ValidateAsync(context.Principal, context.HttpContext.RequestServices) is null)
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

        return await StaffSessions.ValidateAsync(token.Principal, Context.RequestServices) is null
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
        return await StaffSessions.ValidateAsync(authenticationState.User, scope.ServiceProvider) is not null;
    }
}
