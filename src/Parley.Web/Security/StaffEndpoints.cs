using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Web.Security;

public sealed record TokenRequest(string Email, string Password);

public sealed record CurrentStaff(string Name, IReadOnlyList<string> Roles);

/// <summary>The creditors a member of staff is to work for: <paramref name="Creditors"/> by id, or every creditor.</summary>
public sealed record StaffCreditorsBody(IReadOnlyList<Guid>? Creditors = null, bool AllCreditors = false);

/// <summary>Bearer tokens for API clients, sign-out for the UI, and the admin's staff list.</summary>
public static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Staff sign-in");
        auth.MapPost("/token", IssueTokenAsync).AllowAnonymous().DisableAntiforgery()
            .WithName("IssueToken")
            .WithSummary("Exchange a staff email and password for a bearer token (throttled per address and account; lockout applies).")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new CurrentStaff(
                user.Identity?.Name ?? "",
                [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)])))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetCurrentStaff")
            .WithSummary("Who the caller is signed in as, and their roles.");

        var staff = app.MapGroup("/api/staff").WithTags("Staff").RequireAuthorization(StaffPolicies.Admin);
        staff.MapGet("", async (ClaimsPrincipal user, StaffDirectory directory, CancellationToken ct) => TypedResults.Ok(await directory.HandleAsync(Actor.From(user), new ListStaffRequest(), ct)))
            .WithName("ListStaff")
            .WithSummary("List staff users with their roles.");
        staff.MapPost("", async (NewStaffUser request, ClaimsPrincipal user, StaffDirectory directory, CancellationToken ct) =>
            {
                var created = await directory.HandleAsync(Actor.From(user), request, ct);
                return TypedResults.Created($"/api/staff/{created.Id}", created);
            })
            .WithName("CreateStaff")
            .WithSummary("Add a member of staff with roles and the creditors they work for (admins only; there is no self-registration).");
        staff.MapPut("/{id}/creditors", async (string id, StaffCreditorsBody body, ClaimsPrincipal user, StaffDirectory directory, CancellationToken ct) =>
                TypedResults.Ok(await directory.HandleAsync(Actor.From(user), new ChangeStaffCreditors(id, body.Creditors, body.AllCreditors), ct)))
            .WithName("ChangeStaffCreditors")
            .WithSummary("Set the creditors a member of staff works for: the named ones, or every creditor (ends their sessions).");
        staff.MapPost("/{id}/disable", async (string id, ClaimsPrincipal user, StaffAccess access, CancellationToken ct) =>
                TypedResults.Ok(await access.HandleAsync(Actor.From(user), new DisableStaff(id), ct)))
            .WithName("DisableStaff")
            .WithSummary("Stop a member of staff signing in and end every session of theirs, until enabled again.");
        staff.MapPost("/{id}/enable", async (string id, ClaimsPrincipal user, StaffAccess access, CancellationToken ct) =>
                TypedResults.Ok(await access.HandleAsync(Actor.From(user), new EnableStaff(id), ct)))
            .WithName("EnableStaff")
            .WithSummary("Let a disabled or locked member of staff sign in again.");
        staff.MapPost("/{id}/revoke-sessions", async (string id, ClaimsPrincipal user, StaffAccess access, CancellationToken ct) =>
            {
                await access.HandleAsync(Actor.From(user), new RevokeStaffSessions(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("RevokeStaffSessions")
            .WithSummary("Sign a member of staff out everywhere: their cookies and bearer tokens stop working at once.");

        // A form post from the layout; signing out needs no authorization, and the antiforgery token stops forced sign-outs.
        app.MapPost(StaffIdentitySetup.SignOutPath, async (SignInManager<StaffUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return TypedResults.LocalRedirect(StaffIdentitySetup.SignInPath);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<EmptyHttpResult> IssueTokenAsync(
        [FromBody] TokenRequest request,
        HttpContext http,
        StaffSignIn check,
        SignInManager<StaffUser> signIn)
    {
        switch (await check.CheckAsync(request.Email, request.Password, http.Connection.RemoteIpAddress))
        {
            case SignInOutcome.SignedIn(var user):
                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                await signIn.SignInAsync(user, isPersistent: false);
                return TypedResults.Empty;
            case SignInOutcome.Throttled(var wait):
                throw new DomainException(new TooManySignInAttempts(wait));
            default:
                throw new DomainException(new SignInRefused(StaffSignIn.RefusedDetail));
        }
    }
}

/// <summary>A token request that did not sign in: the same words whether the email is unknown, the password wrong or the account locked.</summary>
public sealed record SignInRefused(string Reason) : DomainError("auth.sign_in_refused", Reason, ErrorKind.Unauthenticated);
