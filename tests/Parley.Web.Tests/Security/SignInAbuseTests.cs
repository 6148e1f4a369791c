using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Parley.Web.Security;

namespace Parley.Web.Tests.Security;

/// <summary>
/// Sign-in abuse (ADR 15), on the real host with its real staff sign-in: throttling per address and account, a lock
/// only from failures across addresses, one answer for every refusal, and the same hashing work for unknown users.
/// The limits are small here: three tries per address and account, a lock at five failures from anywhere.
/// </summary>
public sealed class SignInAbuseTests
{
    private const string Agent = "agent@parley.test";

    public static readonly Dictionary<string, string?> SmallLimits = new()
    {
        ["Parley:SignIn:PerSourceAndAccountAttempts"] = "3",
        ["Parley:SignIn:LockoutFailures"] = "5",
        ["Parley:SignIn:PerAccountAttempts"] = "20",
        ["Parley:SignIn:PerSourceAttempts"] = "12",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task One_address_hammering_an_account_gets_429s_and_the_staff_member_still_signs_in_from_elsewhere(DatabaseProvider provider)
    {
        await using var host = await StaffHost.StartAsync(provider, SmallLimits);
        await host.AddStaffAsync(Agent, StaffRoles.Agent);
        using var attacker = host.From("203.0.113.7");
        for (var i = 0; i < 3; i++)
        {
            (await host.RequestTokenAsync(Agent, "wrong-password-guess", attacker)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        for (var i = 0; i < 10; i++)
        {
            // Even the right password: the address is throttled before anything is checked.
            using var refused = await host.RequestTokenAsync(Agent, i == 0 ? StaffHost.StaffPassword : "wrong-password-guess", attacker);
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
            problem.GetProperty("code").GetString().ShouldBe("auth.too_many_attempts");
            problem.GetProperty("detail").GetString()!.ShouldStartWith("Too many sign-in attempts. Wait");
            var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            retryAfter.ShouldBeInRange(1, 15 * 60);
            problem.GetProperty("retryAfter").GetInt32().ShouldBe(retryAfter);
        }

        using var office = host.From("198.51.100.20");
        var agent = await host.BearerClientAsync(Agent, StaffHost.StaffPassword, office);
        (await agent.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var admin = await host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword, office);
        (await admin.GetFromJsonAsync<List<StaffUserSummary>>("/api/staff", Ct))!.Single(u => u.Email == Agent).LockedOut.ShouldBeFalse();
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_throttled_even_for_emails_that_do_not_exist()
    {
        await using var host = await StaffHost.StartAsync(settings: SmallLimits);
        using var sprayer = host.From("2001:db8:1:2::10");
        for (var i = 0; i < 12; i++)
        {
            (await host.RequestTokenAsync($"person{i}@parley.test", "Winter2026!!!", sprayer)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // Another address in the same IPv6 /64 is the same source: one client controls the whole network.
        using var sameNetwork = host.From("2001:db8:1:2::99");
        (await host.RequestTokenAsync("someone@parley.test", "Winter2026!!!", sameNetwork)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        using var elsewhere = host.From("2001:db8:1:3::10");
        (await host.RequestTokenAsync(StaffHost.AdminEmail, StaffHost.AdminPassword, elsewhere)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Wrong_passwords_from_many_addresses_lock_the_account_and_end_its_sessions_until_an_admin_enables_it(DatabaseProvider provider)
    {
        await using var host = await StaffHost.StartAsync(provider, SmallLimits);
        await host.AddStaffAsync(Agent, StaffRoles.Agent);
        var signedIn = await host.BearerClientAsync(Agent, StaffHost.StaffPassword, host.From("192.0.2.1"));
        for (var i = 0; i < 5; i++)
        {
            (await host.RequestTokenAsync(Agent, "wrong-password-guess", host.From($"198.51.100.{i + 1}"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await signedIn.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var locked = await host.RequestTokenAsync(Agent, StaffHost.StaffPassword, host.From("192.0.2.2"));
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await locked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldBe(StaffSignIn.RefusedDetail);

        var admin = await host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword, host.From("192.0.2.3"));
        var agent = (await admin.GetFromJsonAsync<List<StaffUserSummary>>("/api/staff", Ct))!.Single(u => u.Email == Agent);
        agent.LockedOut.ShouldBeTrue();
        (await admin.PostAsync($"/api/staff/{agent.Id}/enable", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.RequestTokenAsync(Agent, StaffHost.StaffPassword, host.From("192.0.2.4"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Unknown_email_wrong_password_locked_and_disabled_accounts_get_the_same_answer(DatabaseProvider provider)
    {
        await using var host = await StaffHost.StartAsync(provider, SmallLimits);
        await host.AddStaffAsync(Agent, StaffRoles.Agent);
        await host.AddStaffAsync("gone@parley.test", StaffRoles.Agent);
        var admin = await host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword, host.From("192.0.2.3"));
        var gone = (await admin.GetFromJsonAsync<List<StaffUserSummary>>("/api/staff", Ct))!.Single(u => u.Email == "gone@parley.test");
        (await admin.PostAsync($"/api/staff/{gone.Id}/disable", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await LockAsync(host, Agent);

        var answers = new List<string>();
        var pages = new List<string>();
        var n = 0;
        foreach (var (email, password) in new[]
        {
            ("nobody@parley.test", StaffHost.StaffPassword), // unknown email
            (StaffHost.AdminEmail, "not-the-admin-password"), // wrong password
            (Agent, StaffHost.StaffPassword), // locked, even with the right password
            ("gone@parley.test", StaffHost.StaffPassword), // disabled, even with the right password
        })
        {
            using var response = await host.RequestTokenAsync(email, password, host.From($"192.0.2.{100 + ++n}"));
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, email);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            answers.Add($"{problem.GetProperty("code")}|{problem.GetProperty("title")}|{problem.GetProperty("detail")}|{problem.GetProperty("type")}");

            var (_, form) = await host.SignInThroughFormAsync(email, password, host.From($"192.0.2.{200 + n}", acceptJson: false));
            form.StatusCode.ShouldBe(HttpStatusCode.OK, email);
            var page = await form.Content.ReadAsStringAsync(Ct);
            pages.Add(System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"signin-error\"[^>]*>(?:<[^>]+>)*([^<]+)").Groups[1].Value.Trim());
        }

        answers.Distinct().Count().ShouldBe(1, string.Join("\n", answers));
        answers[0].ShouldContain("auth.sign_in_refused");
        pages.Distinct().Count().ShouldBe(1, string.Join("\n", pages));
        WebUtility.HtmlDecode(pages[0]).ShouldBe(StaffSignIn.RefusedDetail);
    }

    [Fact]
    public async Task An_unknown_locked_or_disabled_account_costs_one_password_hash_like_a_wrong_password()
    {
        await using var staffHost = await StaffHost.StartAsync(settings: SmallLimits);
        var hashes = new HashCount();
        // The same host with the hasher counted: every password check goes through it.
        await using var counted = staffHost.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton(hashes);
            s.AddScoped<IPasswordHasher<StaffUser>, CountingHasher>();
        }));
        await staffHost.AddStaffAsync(Agent, StaffRoles.Agent);
        await staffHost.AddStaffAsync("gone@parley.test", StaffRoles.Agent);
        await using (var scope = counted.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var gone = await users.FindByEmailAsync("gone@parley.test");
            await users.SetLockoutEndDateAsync(gone!, StaffSessions.DisabledUntil);
        }

        foreach (var (email, what) in new[]
        {
            (Agent, "wrong password"),
            ("nobody@parley.test", "unknown email"),
            ("gone@parley.test", "disabled account"),
        })
        {
            var before = hashes.Verified;
            using var client = counted.CreateClient();
            (await client.PostAsJsonAsync("/api/auth/token", new TokenRequest(email, "wrong-password-guess"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, what);
            (hashes.Verified - before).ShouldBe(1, what);
        }
    }

    [Fact]
    public async Task The_sign_in_page_says_in_a_sentence_when_there_have_been_too_many_attempts()
    {
        await using var host = await StaffHost.StartAsync(settings: SmallLimits);
        using var browser = host.From("203.0.113.50", acceptJson: false);
        for (var i = 0; i < 3; i++)
        {
            var (_, wrong) = await host.SignInThroughFormAsync(StaffHost.AdminEmail, "not-the-admin-password", browser);
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var (_, throttled) = await host.SignInThroughFormAsync(StaffHost.AdminEmail, StaffHost.AdminPassword, browser);
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.Headers.Contains("Retry-After").ShouldBeTrue();
        var page = await throttled.Content.ReadAsStringAsync(Ct);
        page.ShouldContain("Too many sign-in attempts. Wait");
        page.ShouldNotContain("auth.too_many_attempts");
        (throttled.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c => c.StartsWith("parley.staff=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task X_forwarded_for_is_not_believed_unless_the_operator_names_the_proxy()
    {
        await using var host = await StaffHost.StartAsync(settings: SmallLimits);
        using var attacker = host.From("203.0.113.7");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            // A new made-up address each time: if it were believed, the attacker would never be throttled.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new TokenRequest(StaffHost.AdminEmail, "wrong-password-guess")) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            answers.Add((await attacker.SendAsync(request, Ct)).StatusCode);
        }

        answers.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task Behind_a_named_proxy_each_forwarded_client_has_its_own_limits()
    {
        await using var host = await StaffHost.StartAsync(settings: new Dictionary<string, string?>(SmallLimits)
        {
            [$"{ForwardedHeadersSetup.ProxiesKey}:0"] = "10.0.0.5",
        });
        using var proxy = host.From("10.0.0.5");
        async Task<HttpStatusCode> ThroughProxyAsync(string client, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new TokenRequest(StaffHost.AdminEmail, password)) };
            request.Headers.Add("X-Forwarded-For", client);
            return (await proxy.SendAsync(request, Ct)).StatusCode;
        }

        for (var i = 0; i < 3; i++)
        {
            (await ThroughProxyAsync("203.0.113.7", "wrong-password-guess")).ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await ThroughProxyAsync("203.0.113.7", StaffHost.AdminPassword)).ShouldBe(HttpStatusCode.TooManyRequests);
        (await ThroughProxyAsync("198.51.100.20", StaffHost.AdminPassword)).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("5", "5", "PerSourceAndAccountAttempts (5) must be below")]
    [InlineData("0", "10", "must be at least 1")]
    public void Limits_that_would_let_one_address_lock_an_account_are_refused(string perPair, string lockout, string problem)
    {
        var limits = new SignInLimits { PerSourceAndAccountAttempts = int.Parse(perPair, System.Globalization.CultureInfo.InvariantCulture), LockoutFailures = int.Parse(lockout, System.Globalization.CultureInfo.InvariantCulture) };
        limits.Problem().ShouldNotBeNull().ShouldContain(problem);
        new SignInLimits().Problem().ShouldBeNull("the defaults fit together");
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_limits_that_let_one_address_lock_an_account()
    {
        await using var host = await StaffHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Parley:SignIn:PerSourceAndAccountAttempts"] = "10",
            ["Parley:SignIn:LockoutFailures"] = "10",
        });
        var refused = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Anonymous());
        refused.Message.ShouldContain("PerSourceAndAccountAttempts (10) must be below");
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    public void A_source_is_an_ipv4_address_or_an_ipv6_network(string address, string source) =>
        SignInAttempt.SourceOf(IPAddress.Parse(address)).ShouldBe(source);

    /// <summary>Five wrong passwords, one from each of five addresses: a lock at the small limits.</summary>
    internal static async Task LockAsync(StaffHost host, string email)
    {
        for (var i = 0; i < 5; i++)
        {
            (await host.RequestTokenAsync(email, "wrong-password-guess", host.From($"198.51.100.{50 + i}"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    public sealed class HashCount
    {
        private int _verified;

        public int Verified => _verified;

        public void Count() => Interlocked.Increment(ref _verified);
    }

    /// <summary>Identity's own hasher, counting each password it verifies.</summary>
    private sealed class CountingHasher(HashCount count) : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            count.Count();
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
