using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.Import;

/// <summary>
/// <c>GET /api/imports/{id}/rejects</c>: the run's rejects report as CSV, streamed from the database; the Imports page
/// pages through the same rows.
/// </summary>
public sealed class GetImportRejects(ParleyDbContext db) : IUseCase<GetImportRejectsRequest, ImportRejectPage>
{
    public const int MaxPageSize = 200;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/imports/{id}/rejects", (ImportId id, HttpContext http, GetImportRejects handler, CancellationToken ct) => handler.WriteCsvAsync(Actor.From(http.User), id, http, ct))
            .RequireAuthorization(StaffPolicies.Supervisor)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetImportRejects")
            .WithSummary("An import run's rejected rows as CSV: row, account reference, field and message.")
            .WithTags("Imports");

    public Task<ImportRejectPage> HandleAsync(Actor actor, GetImportRejectsRequest request, CancellationToken cancellationToken)
    {
        ListImports.MustSeeImports(actor, "see an import's rejects");
        actor.MustSeeAllCreditors(new ImportNotFound(request.Import));
        return PageAsync(db, request.Import, request.Page, request.PageSize, cancellationToken);
    }

    /// <summary>The run's rejects by row; <paramref name="page"/> counts from 1 and <paramref name="pageSize"/> is clamped to 1–<see cref="MaxPageSize"/>.</summary>
    internal static async Task<ImportRejectPage> PageAsync(ParleyDbContext db, ImportId id, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Set<ImportRun>().AnyAsync(r => r.Id == id, cancellationToken))
        {
            throw new DomainException(new ImportNotFound(id));
        }

        var window = PageWindow.Clamp(page, pageSize, MaxPageSize);
        var rejects = db.Set<ImportReject>().AsNoTracking().Where(r => r.ImportId == id);
        var total = await rejects.CountAsync(cancellationToken);
        var items = await window.Of(rejects.OrderBy(r => r.RowNumber).ThenBy(r => r.Ordinal))
            .Select(r => new ImportRejectView(r.RowNumber, r.AccountRef, r.Field, r.Message))
            .ToListAsync(cancellationToken);
        return new ImportRejectPage(items, total);
    }

    /// <summary>The whole rejects report as a CSV download, written row by row as the database returns them.</summary>
    private async Task WriteCsvAsync(Actor actor, ImportId id, HttpContext http, CancellationToken cancellationToken)
    {
        ListImports.MustSeeImports(actor, "see an import's rejects");
        actor.MustSeeAllCreditors(new ImportNotFound(id));
        var run = await db.Set<ImportRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new DomainException(new ImportNotFound(id));
        http.Response.ContentType = "text/csv; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(Path.GetFileNameWithoutExtension(run.FileName) + ".rejects.csv");
        http.Response.Headers.ContentDisposition = disposition.ToString();
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(RejectsCsv.Header);
        var rejects = db.Set<ImportReject>().AsNoTracking()
            .Where(r => r.ImportId == id)
            .OrderBy(r => r.RowNumber).ThenBy(r => r.Ordinal)
            .AsAsyncEnumerable();
        await foreach (var reject in rejects.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(RejectsCsv.Line(reject.RowNumber, reject.AccountRef, reject.Field, reject.Message));
        }
    }
}
