using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Accounts.Import;

/// <summary>One page of import runs, latest first, and how many runs there are in all.</summary>
public sealed record ImportRunPage(List<ImportRunSummary> Items, int Total);

/// <summary><c>GET /api/imports</c> (latest first) and <c>GET /api/imports/{id}</c>; the Imports page pages through the same query.</summary>
public static class ListImports
{
    public const int MaxPageSize = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/imports", ListAsync).RequireAuthorization(StaffPolicies.Supervisor).WithName("ListImports").WithTags("Imports")
            .WithSummary("The latest 100 import runs, newest first.");
        app.MapGet("/api/imports/{id}", GetAsync).RequireAuthorization(StaffPolicies.Supervisor).WithName("GetImport").WithTags("Imports")
            .WithSummary("One import run: its file, status and row counts.");
    }

    /// <summary>Runs latest first; <paramref name="page"/> counts from 1 and <paramref name="pageSize"/> is clamped to 1–<see cref="MaxPageSize"/>.</summary>
    public static async Task<ImportRunPage> PageAsync(ParleyDbContext db, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var skip = (int)Math.Min((Math.Max(page, 1) - 1L) * size, int.MaxValue);
        var runs = db.Set<ImportRun>().AsNoTracking();
        var total = await runs.CountAsync(cancellationToken);
        var items = await runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Skip(skip).Take(size).ToListAsync(cancellationToken);
        return new ImportRunPage(items.ConvertAll(ImportRunSummary.From), total);
    }

    private static async Task<Ok<List<ImportRunSummary>>> ListAsync(ParleyDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await PageAsync(db, 1, MaxPageSize, cancellationToken)).Items);

    private static async Task<Ok<ImportRunSummary>> GetAsync(ImportId id, ParleyDbContext db, CancellationToken cancellationToken) =>
        await db.Set<ImportRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } run
            ? TypedResults.Ok(ImportRunSummary.From(run))
            : throw new DomainException(new ImportNotFound(id));
}

public sealed record ImportNotFound(ImportId Id) : DomainError("import.not_found", $"There is no import {Id}.", ErrorKind.NotFound);
