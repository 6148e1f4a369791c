using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Cli.Commands;

/// <summary>
/// <c>parley compliance evaluate|explain|verify-log</c>: the compliance gate over scenario files or a stored account, and
/// the decision log's integrity check. Each runs its use case as Parley itself (<c>cli:compliance …</c>).
/// </summary>
public static class ComplianceCommands
{
    public static Command Build()
    {
        var compliance = new Command("compliance", "The compliance gate: evaluate proposals or a stored account against the rule packs; verify the decision log.");
        compliance.Subcommands.Add(Evaluate());
        compliance.Subcommands.Add(Explain());
        compliance.Subcommands.Add(VerifyLog());
        return compliance;
    }

    private static Command Evaluate()
    {
        var file = new Argument<FileInfo>("file") { Description = "A scenario file (format: compliance scenario-format.md)." };
        var log = new Option<FileInfo?>("--log") { Description = "Append every decision to this hash-chained JSON-lines log." };
        var evaluate = new Command("evaluate", "Evaluate every scenario and print one JSON array of verdicts (exit 0 whatever they are; 2 on malformed input).") { file, log };
        evaluate.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"{path.FullName}: no such file");
                return 2;
            }

            var logFile = parse.GetValue(log);
            var request = logFile is null
                ? new EvaluateProposalsRequest(await File.ReadAllTextAsync(path.FullName, ct), DecisionLogging.None)
                : new EvaluateProposalsRequest(
                    await File.ReadAllTextAsync(path.FullName, ct), DecisionLogging.JsonLines, logFile.Exists ? await File.ReadAllLinesAsync(logFile.FullName, ct) : []);
            ProposalVerdicts verdicts;
            try
            {
                verdicts = await RunAsync<EvaluateProposalsRequest, ProposalVerdicts>("compliance evaluate", request, ct);
            }
            catch (DomainException e) when (e.Error is MalformedScenario malformed)
            {
                await Console.Error.WriteLineAsync($"Malformed scenario input — {malformed.ScenarioId}: {malformed.Field}: {malformed.Problem}");
                return 2;
            }
            catch (DomainException e) when (e.Error is UnreadableDecisionLog unreadable)
            {
                await Console.Error.WriteLineAsync($"{logFile?.Name}: {unreadable.Problem}");
                return 2;
            }

            Console.Out.WriteLine(verdicts.Json);
            if (logFile is not null)
            {
                await File.AppendAllLinesAsync(logFile.FullName, verdicts.NewLogLines, ct);
            }

            return 0;
        });
        return evaluate;
    }

    private static Command Explain()
    {
        var account = new Option<string>("--account") { Description = "The account id.", Required = true };
        var channel = new Option<string>("--channel") { Description = "call, sms, email or letter.", Required = true };
        var at = new Option<string?>("--at") { Description = "ISO 8601 instant, e.g. 2026-11-10T14:00:00Z (default now)." };
        var explain = new Command("explain", "Evaluate a contact with a stored account on one channel and print the verdict array (the decision is logged).") { account, channel, at };
        explain.SetAction(async (parse, ct) =>
        {
            if (!AccountId.TryParse(parse.GetValue(account), null, out var accountId))
            {
                await Console.Error.WriteLineAsync($"--account: '{parse.GetValue(account)}' is not an account id");
                return 2;
            }

            if (!ContactChannels.TryParse(parse.GetValue(channel), out var contactChannel))
            {
                await Console.Error.WriteLineAsync($"--channel: '{parse.GetValue(channel)}' is not one of call, sms, email, letter");
                return 2;
            }

            try
            {
                var when = parse.GetValue(at) is { } text ? ContactChannels.ParseInstant(text) : (NodaTime.Instant?)null;
                var check = await RunAsync<CheckContactEligibilityRequest, ContactCheck>(
                    "compliance explain", new CheckContactEligibilityRequest(accountId, when, contactChannel), ct);
                var decision = check.Channels.Single();
                Console.Out.WriteLine(VerdictJson.Write(
                    [new ProposalVerdict($"{accountId}/{contactChannel.Name()}", decision.Decision, decision.Allowed, decision.RuleIds, decision.NextLawfulAt, decision.Explanation)]));
                return 0;
            }
            catch (DomainException e)
            {
                await Console.Error.WriteLineAsync(e.Error.Detail);
                return e.Error.Kind == ErrorKind.NotFound ? 1 : 2;
            }
        });
        return explain;
    }

    private static Command VerifyLog()
    {
        var file = new Argument<FileInfo?>("file") { Description = "A decision log written by 'compliance evaluate --log'; without it, the database's log.", Arity = ArgumentArity.ZeroOrOne };
        var verify = new Command("verify-log", "Check the hash chain: exit 0 when intact, 1 naming the first edited, deleted or reordered record.") { file };
        verify.SetAction(async (parse, ct) =>
        {
            var source = "the database's decision log";
            var request = new VerifyDecisionLogRequest();
            if (parse.GetValue(file) is { } path)
            {
                if (!path.Exists)
                {
                    await Console.Error.WriteLineAsync($"{path.FullName}: no such file");
                    return 2;
                }

                source = path.Name;
                request = new VerifyDecisionLogRequest(await File.ReadAllLinesAsync(path.FullName, ct));
            }

            LogVerification result;
            try
            {
                result = await RunAsync<VerifyDecisionLogRequest, LogVerification>("compliance verify-log", request, ct);
            }
            catch (DomainException e) when (e.Error is UnreadableDecisionLog unreadable)
            {
                await Console.Error.WriteLineAsync($"{source}: {unreadable.Problem}");
                return 1;
            }

            if (result.Valid)
            {
                Console.Out.WriteLine($"{source}: {result.Records} records, chain intact; head hash {result.HeadHash}");
                return 0;
            }

            await Console.Error.WriteLineAsync($"{source}: chain broken at record {result.FirstBrokenSequence}: {result.Problem}");
            return 1;
        });
        return verify;
    }

    /// <summary>The use case, run as Parley itself for this command, in its own scope of the composed services.</summary>
    private static async Task<TResult> RunAsync<TRequest, TResult>(string command, TRequest request, CancellationToken ct)
        where TRequest : notnull
    {
        await using var services = CliHost.Build();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<TRequest, TResult>>().HandleAsync(Actor.System($"cli:{command}"), request, ct);
    }
}
