using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Persistence;

namespace Parley.Testing;

/// <summary>
/// The real web host on a fresh database of one provider. Tests authenticate with a header-driven test scheme
/// (<see cref="ClientAs"/>), so every endpoint's role checks are exercised without a browser sign-in; with
/// <c>useTestAuthentication: false</c> the host keeps its real staff sign-in (cookie and bearer token).
/// <paramref name="settings"/> adds configuration, e.g. the first-run admin; <paramref name="services"/> replaces a service at a true
/// seam, e.g. a classification fixed in advance.
/// </summary>
public sealed class ParleyWebFactory(TestDatabase database, bool useTestAuthentication = true, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string TestScheme = "Test";
    public const string RolesHeader = "X-Test-Roles";
    public const string UserHeader = "X-Test-User";

    /// <summary>The creditor ids the test user works for, comma separated; absent means every creditor ("*").</summary>
    public const string CreditorsHeader = "X-Test-Creditors";

    /// <summary>The <see cref="CreditorsHeader"/> value for a user who works for no creditor.</summary>
    public const string NoCreditor = "none";

    public TestDatabase Database { get; } = database;

    public FakeTimeProvider Time => Database.Time;

    /// <summary>The host's warnings and errors, for a failing test to show what the server said.</summary>
    public ServerLog ServerLog { get; } = new();

    public static async Task<ParleyWebFactory> CreateAsync(DatabaseProvider provider, bool useTestAuthentication = true, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        new(await TestDatabase.CreateAsync(provider), useTestAuthentication, settings, services);

    /// <summary>A client signed in with the given roles; no roles means anonymous.</summary>
    public HttpClient ClientAs(params string[] roles)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Add(RolesHeader, string.Join(',', roles));
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>A client signed in as <paramref name="user"/> (default clients are all <c>test-user</c>) with the given roles: for four-eyes checks.</summary>
    public HttpClient ClientAsUser(string user, params string[] roles)
    {
        var client = ClientAs(roles);
        client.DefaultRequestHeaders.Add(UserHeader, user);
        return client;
    }

    /// <summary>A client signed in as <paramref name="user"/> with the given roles, working only for <paramref name="creditors"/>.</summary>
    public HttpClient ClientFor(IEnumerable<Guid> creditors, string user, params string[] roles)
    {
        var client = ClientAsUser(user, roles);
        client.DefaultRequestHeaders.Add(CreditorsHeader, creditors.Any() ? string.Join(',', creditors) : NoCreditor);
        return client;
    }

    /// <summary>Serves the real host on Kestrel at a free loopback port (for a browser), and returns its address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: the host must serve its static files itself, as it does for `dotnet run` in any environment.
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Parley", Database.ConnectionString);
        builder.UseSetting("Parley:FieldEncryption:Key", TestDatabase.FieldEncryptionKey);
        // The periodic jobs would tick once per interval for every jump of the fake clock; tests run the use cases themselves.
        builder.UseSetting("Parley:Jobs:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(collection =>
        {
            collection.AddSingleton<TimeProvider>(Database.Time);
            collection.AddSingleton<ILoggerProvider>(ServerLog);
            services?.Invoke(collection);
            if (useTestAuthentication)
            {
                collection.AddAuthentication(o =>
                    {
                        o.DefaultScheme = TestScheme;
                        o.DefaultAuthenticateScheme = TestScheme;
                        o.DefaultChallengeScheme = TestScheme;
                        o.DefaultForbidScheme = TestScheme;
                    })
                    .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestScheme, _ => { });
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// Authenticates a request as a member of staff with the roles named in <c>X-Test-Roles</c> (named by <c>X-Test-User</c>,
/// default <c>test-user</c>), working for the creditors in <c>X-Test-Creditors</c> (default every creditor).
/// </summary>
public sealed class TestAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ParleyWebFactory.RolesHeader, out var header) || string.IsNullOrWhiteSpace(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = Request.Headers.TryGetValue(ParleyWebFactory.UserHeader, out var named) && !string.IsNullOrWhiteSpace(named) ? named.ToString() : "test-user";
        var claims = new List<Claim> { new(ClaimTypes.Name, user), new(ClaimTypes.NameIdentifier, user) };
        claims.AddRange(header.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => new Claim(ClaimTypes.Role, r)));
        var creditors = Request.Headers.TryGetValue(ParleyWebFactory.CreditorsHeader, out var scoped) ? scoped.ToString() : "*";
        claims.AddRange(creditors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c != ParleyWebFactory.NoCreditor).Select(c => new Claim(Parley.SharedKernel.Security.CreditorScope.ClaimType, c)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ParleyWebFactory.TestScheme));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, ParleyWebFactory.TestScheme)));
    }
}

/// <summary>
/// Keeps what the host logs at <see cref="MinimumLevel"/> or above (warnings and errors unless told; the last 5,000)
/// in memory, so a failed test can print it and a test can read what an operator's log would hold.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private const int Kept = 5000;
    private readonly Queue<string> _entries = new();

    /// <summary>The least severe entry kept; the host's own log filters (appsettings' <c>Logging</c>) apply first.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Warning;

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        lock (_entries)
        {
            _entries.Enqueue(entry);
            if (_entries.Count > Kept)
            {
                _entries.Dequeue();
            }
        }
    }

    private sealed class Category(ServerLog log, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= log.MinimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{logLevel} {name}: {formatter(state, exception)}{(exception is null ? "" : $" — {exception}")}");
            }
        }
    }
}
