using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Compliance.DecisionLog;
using Parley.Modules.Compliance.Eligibility;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Scenarios;
using Parley.SharedKernel;

namespace Parley.Cli.Commands;

/// <summary><c>parley compliance evaluate|explain|verify-log</c>: the compliance gate over scenario files or a stored account, and the decision log's integrity check.</summary>
public static class ComplianceCommands
{
    public static Command Build() => Build(TimeProvider.System.ToClock());

    public static Command Build(IClock clock)
    {
        var compliance = new Command("compliance", "The compliance gate: evaluate proposals or a stored account against the rule packs; verify the decision log.");
        compliance.Subcommands.Add(Evaluate(clock));
        compliance.Subcommands.Add(Explain());
        compliance.Subcommands.Add(VerifyLog());
        return compliance;
    }

    private static Command Evaluate(IClock clock)
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

            IReadOnlyList<Scenario> scenarios;
            try
            {
                scenarios = ScenarioReader.Read(await File.ReadAllTextAsync(path.FullName, ct), ComplianceOptions.Default);
            }
            catch (ScenarioFormatException e)
            {
                await Console.Error.WriteLineAsync($"Malformed scenario input — {e.Message}");
                return 2;
            }

            var results = ScenarioEvaluation.Evaluate(scenarios, new ComplianceGate(ComplianceOptions.Default));
            Console.Out.WriteLine(ScenarioEvaluation.ToJson(results));
            if (parse.GetValue(log) is { } logFile)
            {
                await AppendToLogAsync(logFile, scenarios, results, clock, ct);
            }

            return 0;
        });
        return evaluate;
    }

    private static async Task AppendToLogAsync(FileInfo logFile, IReadOnlyList<Scenario> scenarios, IReadOnlyList<ScenarioResult> results, IClock clock, CancellationToken ct)
    {
        var existing = logFile.Exists ? DecisionLog.ReadJsonLines(await File.ReadAllLinesAsync(logFile.FullName, ct)) : [];
        var previous = existing.Count > 0 ? existing[^1] : null;
        var lines = new List<string>();
        for (var i = 0; i < scenarios.Count; i++)
        {
            previous = DecisionLog.Append(previous, scenarios[i].Id, DecisionLog.DescribeProposal(scenarios[i].Proposal), scenarios[i].FactsDigest, results[i].Decision, clock.GetCurrentInstant());
            lines.Add(DecisionLog.ToJsonLine(previous));
        }

        await File.AppendAllLinesAsync(logFile.FullName, lines, ct);
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

            if (!ContactEligibility.TryParseChannel(parse.GetValue(channel), out var contactChannel))
            {
                await Console.Error.WriteLineAsync($"--channel: '{parse.GetValue(channel)}' is not one of call, sms, email, letter");
                return 2;
            }

            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            try
            {
                var when = parse.GetValue(at) is { } text ? ContactEligibility.ParseInstant(text) : services.GetRequiredService<IClock>().GetCurrentInstant();
                var decision = await scope.ServiceProvider.GetRequiredService<ContactEligibility>().ExplainAsync(accountId, contactChannel, when, ct);
                Console.Out.WriteLine(ScenarioEvaluation.ToJson([new ScenarioResult($"{accountId}/{parse.GetValue(channel)!.Trim().ToLowerInvariant()}", decision.Decision)]));
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
            LogVerification result;
            var source = "the database's decision log";
            if (parse.GetValue(file) is { } path)
            {
                if (!path.Exists)
                {
                    await Console.Error.WriteLineAsync($"{path.FullName}: no such file");
                    return 2;
                }

                source = path.Name;
                try
                {
                    result = DecisionLog.Verify(DecisionLog.ReadJsonLines(await File.ReadAllLinesAsync(path.FullName, ct)));
                }
                catch (FormatException e)
                {
                    await Console.Error.WriteLineAsync($"{path.Name}: {e.Message}");
                    return 1;
                }
            }
            else
            {
                await using var services = CliHost.Build();
                await using var scope = services.CreateAsyncScope();
                result = await scope.ServiceProvider.GetRequiredService<DecisionLogStore>().VerifyAsync(ct);
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
}
