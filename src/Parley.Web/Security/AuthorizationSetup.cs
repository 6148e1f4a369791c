using Parley.SharedKernel.Security;

namespace Parley.Web.Security;

public static class AuthorizationSetup
{
    /// <summary>Every endpoint requires a signed-in user unless it opts out explicitly (health, webhooks, sign-in).</summary>
    public static IServiceCollection AddParleyAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(StaffPolicies.Staff, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.All))
            .AddPolicy(StaffPolicies.Supervisor, p => p.RequireRole(StaffRoles.Supervisor, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Compliance, p => p.RequireRole(StaffRoles.Compliance, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.ComplianceOrSupervisor, p => p.RequireRole(StaffRoles.Compliance, StaffRoles.Supervisor, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Admin, p => p.RequireRole(StaffRoles.Admin));
        return services;
    }
}
