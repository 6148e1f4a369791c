using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Accounts.Import;

/// <summary><c>POST /api/imports</c>: upload a placement file (multipart field <c>file</c>, optional <c>dryRun</c>).</summary>
public static class ImportPlacements
{
    public const long DefaultMaxUploadBytes = 256L * 1024 * 1024;

    /// <summary>The form the handler reads, named for the API description only (the handler reads the form itself).</summary>
    public sealed record Form(IFormFile File, bool? DryRun = null);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/imports", HandleAsync)
            .RequireAuthorization(StaffPolicies.Supervisor)
            .Accepts<Form>("multipart/form-data")
            .Produces<ImportRunSummary>(StatusCodes.Status201Created)
            .Produces<ImportRunSummary>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("ImportPlacements")
            .WithSummary("Import a placement file sent as multipart field 'file' (201); with 'dryRun' true it is checked, not applied (200).")
            .WithTags("Imports");

    private static async Task<IResult> HandleAsync(HttpRequest request, IConfiguration configuration, PlacementImporter importer, CancellationToken cancellationToken)
    {
        var limit = configuration.GetValue<long?>("Imports:MaxUploadBytes") ?? DefaultMaxUploadBytes;
        if (request.ContentLength > limit + MultipartOverhead)
        {
            return TooLarge(limit);
        }

        // Kestrel's 30 MB default would refuse big files before the configured limit applies.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit + MultipartOverhead;
        }

        if (!request.HasFormContentType)
        {
            return BadRequest("import.no_file", "Send the placement file as multipart/form-data in the field 'file'.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TooLarge(limit);
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return BadRequest("import.no_file", "Send the placement file as multipart/form-data in the field 'file'.");
        }

        if (file.Length > limit)
        {
            return TooLarge(limit);
        }

        var dryRun = bool.TryParse(form["dryRun"].ToString(), out var d) && d;
        await using var stream = file.OpenReadStream();
        var run = await importer.ImportAsync(new PlacementImportRequest(stream, file.FileName, dryRun), cancellationToken);
        var summary = ImportRunSummary.From(run);
        return dryRun ? TypedResults.Ok(summary) : TypedResults.Created($"/api/imports/{run.Id}", summary);
    }

    // Room for the multipart boundaries and headers around the file itself.
    private const long MultipartOverhead = 64 * 1024;

    private static IResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The file is too large.",
        detail: $"Placement uploads are limited to {limit:N0} bytes (Imports:MaxUploadBytes); split the file or use 'parley import' on the server.",
        type: "https://parley.dev/problems/import.too_large",
        extensions: new Dictionary<string, object?> { ["code"] = "import.too_large" });

    private static IResult BadRequest(string code, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The request is not valid.",
        detail: detail,
        type: $"https://parley.dev/problems/{code}",
        extensions: new Dictionary<string, object?> { ["code"] = code });
}
