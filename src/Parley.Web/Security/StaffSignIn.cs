using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Web.Security;

/// <summary>What a sign-in attempt came to.</summary>
public abstract record SignInOutcome
{
    private SignInOutcome()
    {
    }

    /// <summary>The password is right and the user may sign in.</summary>
    public sealed record SignedIn(StaffUser User) : SignInOutcome;

    /// <summary>Unknown email, wrong password, locked or disabled: one answer for all, so none can be told apart.</summary>
    public sealed record Refused : SignInOutcome;

    /// <summary>Too many attempts from this address or at this account; nothing was checked.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : SignInOutcome;
}

/// <summary>
/// The one password check behind the token endpoint and the sign-in page (ADR 15): throttled per address and account
/// first, the same answer and the same hashing work for an unknown, wrong, locked or disabled account, and a lock only
/// when wrong passwords come from more than one address's allowance.
/// </summary>
public sealed partial class StaffSignIn(
    SignInManager<StaffUser> signIn,
    IPasswordHasher<StaffUser> hasher,
    ILookupNormalizer normalizer,
    SignInThrottle throttle,
    TimeProvider time,
    ILogger<StaffSignIn> logger)
{
    /// <summary>The one sentence every refused sign-in gets, whatever the reason.</summary>
    public const string RefusedDetail = "The email or password is not right. After repeated failed attempts an account is locked for a while; ask an admin if it keeps happening.";

    public async Task<SignInOutcome> CheckAsync(string? email, string? password, IPAddress? source)
    {
        email = email?.Trim() ?? "";
        password ??= "";
        var account = normalizer.NormalizeEmail(email) ?? "";
        var from = SignInAttempt.SourceOf(source);
        if (throttle.TryAttempt(new SignInAttempt(from, account)) is { } wait)
        {
            LogThrottled(logger, from, account);
            return new SignInOutcome.Throttled(wait);
        }

        var user = email.Length == 0 ? null : await signIn.UserManager.FindByEmailAsync(email);
        if (user is null || StaffSessions.IsBarred(user, time.GetUtcNow()))
        {
            // An unknown, locked or disabled account costs the same hashing as a wrong password: no timing oracle.
            hasher.VerifyHashedPassword(user ?? Nobody, DummyHash(hasher), password);
            return new SignInOutcome.Refused();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            return new SignInOutcome.SignedIn(user);
        }

        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Identity refused before hashing (its own clock saw a lock); keep the cost the same.
            hasher.VerifyHashedPassword(user, DummyHash(hasher), password);
        }
        else if (throttle.FailureLocks(account))
        {
            // Wrong passwords from more places than one address is allowed: lock, and end every session at once.
            StaffBootstrapper.EnsureSucceeded(await signIn.UserManager.SetLockoutEnabledAsync(user, true), $"enable lockout for {user.Email}");
            StaffBootstrapper.EnsureSucceeded(await signIn.UserManager.SetLockoutEndDateAsync(user, time.GetUtcNow() + throttle.Limits.LockoutDuration), $"lock {user.Email}");
            StaffBootstrapper.EnsureSucceeded(await signIn.UserManager.UpdateSecurityStampAsync(user), $"end {user.Email}'s sessions");
            LogLocked(logger, account, throttle.Limits.LockoutFailures);
        }

        return new SignInOutcome.Refused();
    }

    private static readonly StaffUser Nobody = new();

    private static string? _dummyHash;

    /// <summary>A hash of a random password made by the same hasher (so the same algorithm and work factor), made once.</summary>
    private static string DummyHash(IPasswordHasher<StaffUser> hasher) =>
        _dummyHash ??= hasher.HashPassword(Nobody, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in throttled: too many attempts from {Source} or at {Account}.")]
    private static partial void LogThrottled(ILogger logger, string source, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account} locked after {Failures} wrong passwords from more than one address.")]
    private static partial void LogLocked(ILogger logger, string account, int failures);
}

/// <summary>A sign-in refused for too many attempts; <see cref="RetryAfter"/> travels as the Retry-After header.</summary>
public sealed record TooManySignInAttempts(TimeSpan RetryAfter)
    : DomainError("auth.too_many_attempts", $"Too many sign-in attempts. Wait {Words(RetryAfter)} and try again.", ErrorKind.TooManyRequests)
{
    /// <summary>Whole seconds, rounded up, for the Retry-After header and the problem's <c>retryAfter</c>.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);

    public override IReadOnlyDictionary<string, object?>? Extensions => new Dictionary<string, object?> { ["retryAfter"] = RetryAfterSeconds };

    /// <summary>"a minute", "5 minutes": what a person reads on the sign-in page.</summary>
    public static string Words(TimeSpan wait)
    {
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        return minutes <= 1 ? "a minute" : $"{minutes} minutes";
    }
}
