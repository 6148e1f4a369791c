using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Parley.Modules.Compliance.DecisionLog;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Scenarios;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;

namespace Parley.Modules.Compliance.Evaluation;

public sealed record MalformedScenario(string ScenarioId, string Field, string Problem)
    : DomainError("compliance.malformed_scenario", $"Scenario {ScenarioId}, field {Field}: {Problem}", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]>? FieldErrors => new Dictionary<string, string[]> { [$"{ScenarioId}.{Field}"] = [Problem] };
}

/// <summary>
/// <c>POST /api/compliance/evaluate</c>: scenarios in the evaluate format (an array, <c>{"scenarios": […]}</c> or one
/// scenario) in, the CLI's verdict array out. Every decision is appended to the decision log.
/// </summary>
public sealed class EvaluateProposals(ComplianceGate gate, DecisionLogStore log)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/compliance/evaluate", async (HttpRequest request, EvaluateProposals handler, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var json = await handler.HandleAsync(await reader.ReadToEndAsync(ct), ct);
                return Results.Text(json, "application/json");
            })
            .Accepts<JsonElement>("application/json")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .RequireAuthorization(StaffPolicies.ComplianceOrSupervisor)
            .WithName("EvaluateCompliance")
            .WithSummary("Evaluate proposals in the scenario format; one verdict object per scenario: id, decision, allowed, rule_ids, next_lawful_at, explanation.");

    public async Task<string> HandleAsync(string body, CancellationToken cancellationToken)
    {
        IReadOnlyList<Scenario> scenarios;
        try
        {
            scenarios = ScenarioReader.Read(AsArrayWhenSingle(body), gate.Options);
        }
        catch (ScenarioFormatException e)
        {
            throw new DomainException(new MalformedScenario(e.ScenarioId, e.Field, e.Problem));
        }

        var results = ScenarioEvaluation.Evaluate(scenarios, gate);
        await log.AppendAsync([.. scenarios.Select((s, i) => new DecisionToLog(s.Id, s.Proposal, s.FactsDigest, results[i].Decision))], cancellationToken);
        return ScenarioEvaluation.ToJson(results);
    }

    /// <summary>One scenario object (it has a <c>proposed_action</c>, not a <c>scenarios</c> array) is read as an array of one.</summary>
    private static string AsArrayWhenSingle(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("scenarios", out _) && root.TryGetProperty("proposed_action", out _)
                ? $"[{body}]"
                : body;
        }
        catch (JsonException)
        {
            // The reader reports it, naming the input as a whole.
            return body;
        }
    }
}
