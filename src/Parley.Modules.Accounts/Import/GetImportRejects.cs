using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Accounts.Import;

/// <summary>One problem with one row, as the rejects report lists it.</summary>
public sealed record ImportRejectView(long RowNumber, string AccountRef, string Field, string Message);

/// <summary>One page of a run's rejects in row order, and how many there are in all.</summary>
public sealed record ImportRejectPage(List<ImportRejectView> Items, int Total);

/// <summary>
/// <c>GET /api/imports/{id}/rejects</c>: the run's rejects report as CSV, streamed from the database; the Imports page
/// pages through the same rows.
/// </summary>
public static class GetImportRejects
{
    public const int MaxPageSize = 200;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/imports/{id}/rejects", HandleAsync)
            .RequireAuthorization(StaffPolicies.Supervisor)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetImportRejects")
            .WithSummary("An import run's rejected rows as CSV: row, account reference, field and message.")
            .WithTags("Imports");

    /// <summary>The run's rejects by row; <paramref name="page"/> counts from 1 and <paramref name="pageSize"/> is clamped to 1–<see cref="MaxPageSize"/>.</summary>
    public static async Task<ImportRejectPage> PageAsync(ParleyDbContext db, ImportId id, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Set<ImportRun>().AnyAsync(r => r.Id == id, cancellationToken))
        {
            throw new DomainException(new ImportNotFound(id));
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var skip = (int)Math.Min((Math.Max(page, 1) - 1L) * size, int.MaxValue);
        var rejects = db.Set<ImportReject>().AsNoTracking().Where(r => r.ImportId == id);
        var total = await rejects.CountAsync(cancellationToken);
        var items = await rejects.OrderBy(r => r.RowNumber).ThenBy(r => r.Ordinal).Skip(skip).Take(size)
            .Select(r => new ImportRejectView(r.RowNumber, r.AccountRef, r.Field, r.Message))
            .ToListAsync(cancellationToken);
        return new ImportRejectPage(items, total);
    }

    private static async Task HandleAsync(ImportId id, HttpContext http, ParleyDbContext db, CancellationToken cancellationToken)
    {
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
