using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Accounts.Import;

/// <summary><c>GET /api/imports</c> (latest first) and <c>GET /api/imports/{id}</c>.</summary>
public static class ListImports
{
    private const int PageSize = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/imports", ListAsync).RequireAuthorization(StaffPolicies.Supervisor).WithName("ListImports").WithTags("Imports");
        app.MapGet("/api/imports/{id}", GetAsync).RequireAuthorization(StaffPolicies.Supervisor).WithName("GetImport").WithTags("Imports");
    }

    private static async Task<Ok<List<ImportRunSummary>>> ListAsync(ParleyDbContext db, CancellationToken cancellationToken)
    {
        var runs = await db.Set<ImportRun>().AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(runs.ConvertAll(ImportRunSummary.From));
    }

    private static async Task<Ok<ImportRunSummary>> GetAsync(ImportId id, ParleyDbContext db, CancellationToken cancellationToken) =>
        await db.Set<ImportRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } run
            ? TypedResults.Ok(ImportRunSummary.From(run))
            : throw new DomainException(new ImportNotFound(id));
}

public sealed record ImportNotFound(ImportId Id) : DomainError("import.not_found", $"There is no import {Id}.", ErrorKind.NotFound);
