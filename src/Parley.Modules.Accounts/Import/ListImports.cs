using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.Import;

public sealed record ImportNotFound(ImportId Id) : DomainError("import.not_found", $"There is no import {Id}.", ErrorKind.NotFound);

/// <summary><c>GET /api/imports</c> (latest first) and <c>GET /api/imports/{id}</c>; the Imports page pages through the same runs.</summary>
public sealed class ListImports(ParleyDbContext db) : IUseCase<ListImportsRequest, ImportRunPage>, IUseCase<GetImportRequest, ImportRunSummary>
{
    public const int MaxPageSize = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/imports", async Task<Ok<List<ImportRunSummary>>> (int? page, int? pageSize, ClaimsPrincipal user, ListImports handler, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var window = PageWindow.Read(page, pageSize, MaxPageSize, MaxPageSize, errors);
                return errors.Count > 0
                    ? throw new DomainException(new PagingInvalid(errors))
                    : TypedResults.Ok((await handler.HandleAsync(Actor.From(user), new ListImportsRequest(window.Page, window.Size), ct)).Items);
            })
            .RequireAuthorization(StaffPolicies.Supervisor).WithName("ListImports").WithTags("Imports")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Import runs, newest first: 100 a page unless pageSize (1–100) says fewer; page counts from 1, and a page past the end is empty.");
        app.MapGet("/imports/{id}", async Task<Ok<ImportRunSummary>> (ImportId id, ClaimsPrincipal user, ListImports handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetImportRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Supervisor).WithName("GetImport").WithTags("Imports")
            .WithSummary("One import run: its file, status and row counts.");
    }

    public async Task<ImportRunPage> HandleAsync(Actor actor, ListImportsRequest request, CancellationToken cancellationToken)
    {
        MustSeeImports(actor, "see import runs");
        // A placement file carries any creditor's rows, so its runs are for those who work for every creditor.
        return actor.Creditors.IsAll ? await PageAsync(db, request.Page, request.PageSize, cancellationToken) : new ImportRunPage([], 0);
    }

    public async Task<ImportRunSummary> HandleAsync(Actor actor, GetImportRequest request, CancellationToken cancellationToken)
    {
        MustSeeImports(actor, "see an import run");
        actor.MustSeeAllCreditors(new ImportNotFound(request.Import));
        return await db.Set<ImportRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.Import, cancellationToken) is { } run
            ? run.ToSummary()
            : throw new DomainException(new ImportNotFound(request.Import));
    }

    /// <summary>Imports are a supervisor's or an admin's work, as their endpoints and page say.</summary>
    internal static void MustSeeImports(Actor actor, string action) => actor.MustBeStaff(action, [StaffRoles.Supervisor, StaffRoles.Admin]);

    /// <summary>Runs latest first; <paramref name="page"/> counts from 1 and <paramref name="pageSize"/> is clamped to 1–<see cref="MaxPageSize"/>.</summary>
    internal static async Task<ImportRunPage> PageAsync(ParleyDbContext db, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var window = PageWindow.Clamp(page, pageSize, MaxPageSize);
        var runs = db.Set<ImportRun>().AsNoTracking();
        var total = await runs.CountAsync(cancellationToken);
        var items = await window.Of(runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)).ToListAsync(cancellationToken);
        return new ImportRunPage(items.ConvertAll(ImportRunSummaries.ToSummary), total);
    }
}

/// <summary>The scope check of everything about imports, which are not one creditor's.</summary>
internal static class ImportScope
{
    /// <summary>Refuses with <paramref name="notFound"/> unless the actor works for every creditor, as a placement file may name any of them.</summary>
    public static void MustSeeAllCreditors(this Actor actor, DomainError notFound)
    {
        if (!actor.Creditors.IsAll)
        {
            throw new DomainException(notFound);
        }
    }
}
