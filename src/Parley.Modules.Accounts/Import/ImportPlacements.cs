using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.Import;

public sealed record PlacementFileMissing()
    : DomainError("import.no_file", "Send the placement file as multipart/form-data in the field 'file'.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]> FieldErrors => new Dictionary<string, string[]> { ["file"] = [Detail] };
}

/// <summary>A scoped member of staff may not load a file: its rows may belong to any creditor.</summary>
public sealed record ImportNeedsEveryCreditor()
    : DomainError("import.needs_every_creditor", "Only someone who works for every creditor may load a placement file, as its rows may be for any of them.", ErrorKind.Forbidden);

/// <summary>
/// <c>POST /api/imports</c> (multipart field <c>file</c>, optional <c>dryRun</c>), the Imports page and <c>parley import</c>:
/// every good row of a placement file is applied (or only checked in a dry run), every bad row reported.
/// </summary>
public sealed class ImportPlacements(PlacementImporter importer) : IUseCase<ImportPlacementsRequest, ImportRunSummary>
{
    /// <summary>The form the endpoint reads, named for the API description only (the endpoint reads the form itself).</summary>
    public sealed record Form(IFormFile File, bool? DryRun = null);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/imports", UploadAsync)
            .RequireAuthorization(StaffPolicies.Supervisor)
            .Accepts<Form>("multipart/form-data")
            .Produces<ImportRunSummary>(StatusCodes.Status201Created)
            .Produces<ImportRunSummary>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("ImportPlacements")
            .WithSummary("Import a placement file sent as multipart field 'file' (201); with 'dryRun' true it is checked, not applied (200).")
            .WithTags("Imports");

    public async Task<ImportRunSummary> HandleAsync(Actor actor, ImportPlacementsRequest request, CancellationToken cancellationToken)
    {
        // Supervisors and admins load files; the operator's `parley import` and the demo seed run as Parley itself.
        actor.MustBeStaff("import a placement file", [StaffRoles.Supervisor, StaffRoles.Admin], allowSystem: true);
        if (!actor.Creditors.IsAll)
        {
            throw new DomainException(new ImportNeedsEveryCreditor());
        }

        ArgumentNullException.ThrowIfNull(request);
        var run = await importer.ImportAsync(
            new PlacementImportRequest(request.File, request.FileName, request.DryRun) { RejectsOut = request.RejectsOut, Progress = request.Progress, BatchSize = request.BatchSize },
            cancellationToken);
        return run.ToSummary();
    }

    private static async Task<Results<Ok<ImportRunSummary>, Created<ImportRunSummary>>> UploadAsync(HttpRequest request, ClaimsPrincipal user, IConfiguration configuration, ImportPlacements handler, CancellationToken cancellationToken)
    {
        var limit = configuration.GetValue<long?>("Imports:MaxUploadBytes") ?? ImportPlacementsRequest.DefaultMaxUploadBytes;
        if (request.ContentLength > limit + MultipartOverhead)
        {
            throw new DomainException(new PlacementFileTooLarge(limit));
        }

        // Kestrel's 30 MB default would refuse big files before the configured limit applies.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit + MultipartOverhead;
        }

        if (!request.HasFormContentType)
        {
            throw new DomainException(new PlacementFileMissing());
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            throw new DomainException(new PlacementFileTooLarge(limit));
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            throw new DomainException(new PlacementFileMissing());
        }

        if (file.Length > limit)
        {
            throw new DomainException(new PlacementFileTooLarge(limit));
        }

        var dryRun = bool.TryParse(form["dryRun"].ToString(), out var d) && d;
        await using var stream = file.OpenReadStream();
        var summary = await handler.HandleAsync(Actor.From(user), new ImportPlacementsRequest(stream, file.FileName, dryRun), cancellationToken);
        return dryRun ? TypedResults.Ok(summary) : TypedResults.Created($"/api/imports/{summary.Id}", summary);
    }

    // Room for the multipart boundaries and headers around the file itself.
    private const long MultipartOverhead = 64 * 1024;

}

public sealed record PlacementFileTooLarge(long Limit)
    : DomainError("import.too_large", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Placement uploads are limited to {Limit:N0} bytes (Imports:MaxUploadBytes); split the file or use 'parley import' on the server."), ErrorKind.TooLarge);
