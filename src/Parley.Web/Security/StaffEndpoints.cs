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
            .WithSummary("Exchange a staff email and password for a bearer token (lockout applies).")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
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
            .WithSummary("Set the creditors a member of staff works for: the named ones, or every creditor.");

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
        SignInManager<StaffUser> signIn)
    {
        var user = await signIn.UserManager.FindByEmailAsync(request.Email);
        if (user is null)
        {
            throw Refused("The email or password is not right.");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            throw Refused("This account is locked after repeated failed sign-ins; try again later or ask an admin.");
        }

        if (!result.Succeeded)
        {
            throw Refused("The email or password is not right.");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Empty;
    }

    private static DomainException Refused(string detail) => new(new SignInRefused(detail));
}

/// <summary>A token request that did not sign in: the same words whether the email is unknown or the password wrong.</summary>
public sealed record SignInRefused(string Reason) : DomainError("auth.sign_in_refused", Reason, ErrorKind.Unauthenticated);
