using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Parley.Persistence;
using Parley.SharedKernel.UseCases;

namespace Parley.Web.Security;

/// <summary>
/// Staff sign-in: ASP.NET Core Identity users and roles, a cookie for the UI and a bearer token for API clients,
/// chosen per request by <see cref="StaffScheme"/>; API calls that change data take the bearer token only.
/// </summary>
public static class StaffIdentitySetup
{
    /// <summary>Forwards to the bearer scheme when the request carries a bearer token, to the cookie otherwise.</summary>
    public const string StaffScheme = "Staff";

    public const string SignInPath = "/account/signin";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string SignOutPath = "/account/signout";

    public static IServiceCollection AddParleyStaffIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = StaffScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(StaffScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = SelectScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "parley.staff";
                o.Cookie.HttpOnly = true;
                // Lax, not Strict: a link from a ticket or an email opens signed in; antiforgery tokens guard every form post.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.AccessDeniedPath = AccessDeniedPath;
                o.Events = new CookieAuthenticationEvents
                {
                    // Every request, not Identity's 30-minute interval: a revoked, disabled or locked user is out at once (ADR 15).
                    OnValidatePrincipal = StaffSessions.ValidateCookieAsync,
                    OnRedirectToLogin = c => ApiStatusOrRedirect(c, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = c => ApiStatusOrRedirect(c, StatusCodes.Status403Forbidden),
                };
            })
            .AddScheme<AuthenticationSchemeOptions, StaffBearerHandler>(IdentityConstants.BearerScheme, _ => { })
            .AddBearerToken(StaffBearerHandler.TokenScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInLimits>, SignInLimitsValidation>();
        services.AddSingleton<SignInThrottle>();
        services.AddParleyForwardedHeaders();
        services.AddScoped<StaffSignIn>();
        services.AddMemoryCache();
        services.AddSingleton<SessionFacts>();
        // Razor components only try-add their own provider, so this one serves every circuit.
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, StaffCircuitRevalidation>();

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                // Locks come from StaffSignIn's count of failures from every address (ADR 15), not Identity's own counter.
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ParleyDbContext>()
            .AddUserManager<StaffUserManager>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<StaffBootstrapper>();
        services.AddUseCase<StaffDirectory>();
        services.AddUseCase<StaffAccess>();
        return services;
    }

    /// <summary>
    /// A bearer token when the request carries one; otherwise the cookie, except for an API call that changes data:
    /// the browser sends the cookie on any site's request, so such a call needs a token (ADR 12) and without one is
    /// anonymous (401).
    /// </summary>
    private static string SelectScheme(HttpContext context) =>
        HasBearerToken(context.Request) || ChangesDataThroughApi(context.Request)
            ? IdentityConstants.BearerScheme
            : IdentityConstants.ApplicationScheme;

    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>An API request with a method that may change data (anything but GET, HEAD, OPTIONS and TRACE).</summary>
    public static bool ChangesDataThroughApi(HttpRequest request) =>
        IsApi(request) && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));

    /// <summary>API callers get a status code (the status-code page writes the ProblemDetails); browsers get the sign-in page.</summary>
    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
