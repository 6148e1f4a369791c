using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.DecisionLog;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Scenarios;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Compliance.Evaluation;

/// <summary>
/// <c>POST /api/compliance/evaluate</c> and <c>parley compliance evaluate</c>: scenarios in the evaluate format (an array,
/// <c>{"scenarios": […]}</c> or one scenario) in, the CLI's verdict array out. Compliance officers, supervisors and
/// admins evaluate, and every decision they get is appended to the database's decision log; only Parley itself (the
/// operator's CLI) evaluates a file without it or into a JSON-lines log.
/// </summary>
public sealed class EvaluateProposals(ComplianceGate gate, DecisionLogStore log, IClock clock) : IUseCase<EvaluateProposalsRequest, ProposalVerdicts>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/compliance/evaluate", async (HttpRequest request, ClaimsPrincipal user, EvaluateProposals handler, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var verdicts = await handler.HandleAsync(Actor.From(user), new EvaluateProposalsRequest(await reader.ReadToEndAsync(ct)), ct);
                return TypedResults.Text(verdicts.Json, "application/json");
            })
            .Accepts<JsonElement>("application/json")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .RequireAuthorization(StaffPolicies.ComplianceOrSupervisor)
            .WithName("EvaluateCompliance")
            .WithSummary("Evaluate proposals in the scenario format; one verdict object per scenario: id, decision, allowed, rule_ids, next_lawful_at, explanation.");

    public async Task<ProposalVerdicts> HandleAsync(Actor actor, EvaluateProposalsRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("evaluate proposals against the compliance gate", [StaffRoles.Compliance, StaffRoles.Supervisor, StaffRoles.Admin], allowSystem: true);
        if (request.Logging != DecisionLogging.Database && actor is not SystemProcess)
        {
            // Staff decisions are always on the record (US-REGF-RECORDS).
            throw new DomainException(new ActorNotAllowed("evaluate proposals without the database's decision log", []));
        }

        IReadOnlyList<Scenario> scenarios;
        try
        {
            scenarios = ScenarioReader.Read(AsArrayWhenSingle(request.Scenarios), gate.Options);
        }
        catch (ScenarioFormatException e)
        {
            throw new DomainException(new MalformedScenario(e.ScenarioId, e.Field, e.Problem));
        }

        var results = ScenarioEvaluation.Evaluate(scenarios, gate);
        IReadOnlyList<string> newLines = [];
        switch (request.Logging)
        {
            case DecisionLogging.Database:
                await log.AppendAsync([.. scenarios.Select((s, i) => new DecisionToLog(s.Id, s.Proposal, s.FactsDigest, results[i].Decision))], cancellationToken);
                break;
            case DecisionLogging.JsonLines:
                newLines = ChainOnto(request.LogLines ?? [], scenarios, results);
                break;
            case DecisionLogging.None:
                break;
        }

        return new ProposalVerdicts([.. results.Select(ScenarioEvaluation.ToVerdict)], ScenarioEvaluation.ToJson(results), newLines);
    }

    /// <summary>The decisions as JSON lines that continue the caller's chain.</summary>
    private List<string> ChainOnto(IReadOnlyList<string> existingLines, IReadOnlyList<Scenario> scenarios, IReadOnlyList<ScenarioResult> results)
    {
        IReadOnlyList<DecisionRecord> existing;
        try
        {
            existing = DecisionLog.DecisionLog.ReadJsonLines(existingLines);
        }
        catch (FormatException e)
        {
            throw new DomainException(new UnreadableDecisionLog(e.Message));
        }

        var previous = existing.Count > 0 ? existing[^1] : null;
        var lines = new List<string>(scenarios.Count);
        for (var i = 0; i < scenarios.Count; i++)
        {
            previous = DecisionLog.DecisionLog.Append(
                previous, scenarios[i].Id, DecisionLog.DecisionLog.DescribeProposal(scenarios[i].Proposal), scenarios[i].FactsDigest, results[i].Decision, clock.GetCurrentInstant());
            lines.Add(DecisionLog.DecisionLog.ToJsonLine(previous));
        }

        return lines;
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
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The reader reports it (not JSON, or a name that is not valid text), naming the input as a whole.
            return body;
        }
    }
}
