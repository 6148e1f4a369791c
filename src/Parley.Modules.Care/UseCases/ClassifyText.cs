using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Modules.Care.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Care.UseCases;

/// <summary>The HTTP body of <c>POST /api/care/classify</c>.</summary>
public sealed record ClassifyTextBody(string Text, CareTextFormat Format = CareTextFormat.Plain);

/// <summary>Reads a text and answers what it shows, storing nothing: for staff trying the classifier (and the API latency figure).</summary>
public sealed class ClassifyText(ICareClassifier classifier) : IUseCase<ClassifyTextRequest, CareClassification>
{
    public const int MaxLength = 1_000_000;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/care/classify", async Task<Ok<CareClassification>> (ClassifyTextBody body, ClaimsPrincipal user, ClassifyText handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new ClassifyTextRequest(body.Text, body.Format), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ClassifyCareText")
            .WithSummary("Classify a text: dispute, distress, crisis, intents, vulnerability drivers, emotions and the evidence; nothing is stored.");

    public Task<CareClassification> HandleAsync(Actor actor, ClassifyTextRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("classify text", []);
        if (request.Text is null || request.Text.Length > MaxLength)
        {
            throw new DomainException(new CareInputInvalid("text", $"give the text to read (at most {MaxLength:N0} characters)"));
        }

        if (!Enum.IsDefined(request.Format))
        {
            throw new DomainException(new CareInputInvalid("format", "plain or html"));
        }

        return Task.FromResult(classifier.Classify(new CareText(request.Text, request.Format)));
    }
}
