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

/// <summary><c>GET /api/imports/{id}/rejects</c>: the run's rejects report as CSV, streamed from the database.</summary>
public static class GetImportRejects
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/imports/{id}/rejects", HandleAsync)
            .RequireAuthorization(StaffPolicies.Supervisor)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetImportRejects")
            .WithTags("Imports");

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
