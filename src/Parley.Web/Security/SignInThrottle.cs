using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Parley.Web.Security;

/// <summary>
/// The sign-in limits (<c>Parley:SignIn</c>, ADR 15): attempts per client address, per address and account, per
/// account from anywhere, and the failures from anywhere that lock an account. One address's allowance for one account
/// is below the failures that lock it, so a single source is throttled long before it can lock anyone out.
/// </summary>
public sealed class SignInLimits
{
    public const string Section = "Parley:SignIn";

    /// <summary>The sliding window every limit counts over.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Attempts from one client address (any accounts): a password spray from one place.</summary>
    public int PerSourceAttempts { get; set; } = 100;

    /// <summary>Attempts from one client address at one account: guessing one person's password.</summary>
    public int PerSourceAndAccountAttempts { get; set; } = 5;

    /// <summary>Attempts at one account from every address together: a spread-out attack on one person.</summary>
    public int PerAccountAttempts { get; set; } = 30;

    /// <summary>Wrong passwords for one account from every address together that lock it.</summary>
    public int LockoutFailures { get; set; } = 10;

    /// <summary>How long such a lock lasts (an admin's "Enable" ends it sooner).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Why these limits cannot work, or null when they can.</summary>
    public string? Problem() =>
        Window <= TimeSpan.Zero || LockoutDuration <= TimeSpan.Zero ? $"{Section}:Window and {Section}:LockoutDuration must be positive."
        : PerSourceAttempts < 1 || PerSourceAndAccountAttempts < 1 || PerAccountAttempts < 1 || LockoutFailures < 1 ? $"Every {Section} limit must be at least 1."
        : PerSourceAndAccountAttempts >= LockoutFailures
            ? $"{Section}:PerSourceAndAccountAttempts ({PerSourceAndAccountAttempts}) must be below {Section}:LockoutFailures ({LockoutFailures}), or one address could lock an account."
        : null;
}

/// <summary>Refuses to start with limits that cannot work, saying which.</summary>
public sealed class SignInLimitsValidation : IValidateOptions<SignInLimits>
{
    public ValidateOptionsResult Validate(string? name, SignInLimits options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

/// <summary>Who is trying to sign in, as the throttle partitions it.</summary>
/// <param name="Source">The client address (an IPv6 address by its /64 network), or "unknown".</param>
/// <param name="Account">The normalised email.</param>
public readonly record struct SignInAttempt(string Source, string Account)
{
    /// <summary>
    /// The address the connection came from. Behind a reverse proxy that is the proxy unless the operator configures
    /// forwarded headers for it (docs/configuration.md); X-Forwarded-For is never trusted by default. An IPv6 client
    /// controls its whole /64, so that network is one source.
    /// </summary>
    public static string SourceOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

/// <summary>
/// In-memory sliding windows (System.Threading.RateLimiting, the limiters ASP.NET Core's rate limiting is built on) in
/// front of every password check, shared by the token endpoint and the sign-in page. Each host counts its own attempts.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<SignInAttempt> _attempts;
    private readonly PartitionedRateLimiter<string> _failures;

    public SignInThrottle(IOptions<SignInLimits> options)
    {
        var limits = options.Value;
        Limits = limits;
        _attempts = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<SignInAttempt, string>(a => Window("source:" + a.Source, limits.PerSourceAttempts, limits.Window)),
            PartitionedRateLimiter.Create<SignInAttempt, string>(a => Window($"pair:{a.Source}|{a.Account}", limits.PerSourceAndAccountAttempts, limits.Window)),
            PartitionedRateLimiter.Create<SignInAttempt, string>(a => Window("account:" + a.Account, limits.PerAccountAttempts, limits.Window)));
        _failures = PartitionedRateLimiter.Create<string, string>(account => Window(account, limits.LockoutFailures, limits.Window));
    }

    public SignInLimits Limits { get; }

    /// <summary>Takes one attempt; null when it may go ahead, otherwise how long to wait.</summary>
    public TimeSpan? TryAttempt(SignInAttempt attempt)
    {
        using var lease = _attempts.AttemptAcquire(attempt);
        if (lease.IsAcquired)
        {
            return null;
        }

        // A window frees its oldest segment within a segment's length; say at least a second.
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    /// <summary>Counts a wrong password for the account; true when that reaches the failures that lock it.</summary>
    public bool FailureLocks(string account)
    {
        using var lease = _failures.AttemptAcquire(account);
        // This failure took the window's last permit (or there was none left): that many failures lock.
        return !lease.IsAcquired || _failures.GetStatistics(account)?.CurrentAvailablePermits <= 0;
    }

    public void Dispose()
    {
        _attempts.Dispose();
        _failures.Dispose();
    }

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = 15,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
