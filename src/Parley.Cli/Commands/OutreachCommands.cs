using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Cli.Commands;

/// <summary>
/// <c>parley outreach plan|run</c>: plan a day's contacts (without sending; the plan as JSON lines) and send what is due
/// now. Each runs its use case as Parley itself (<c>cli:outreach …</c>); bad input exits 2 naming the option.
/// </summary>
public static class OutreachCommands
{
    private const int Page = 10_000;

    public static Command Build()
    {
        var outreach = new Command("outreach", "Outreach: plan the day's contacts (each passes the compliance gate) and send what is due.");
        outreach.Subcommands.Add(Plan());
        outreach.Subcommands.Add(Run());
        return outreach;
    }

    private static Command Plan()
    {
        var asOf = new Option<string>("--as-of") { Description = "Plan the 24 hours from this ISO 8601 instant, e.g. 2026-11-10T14:00:00Z.", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write the plan here, one JSON object per planned contact (default: standard output)." };
        var plan = new Command("plan", "Plan the day's contacts without sending them, and write the plan as JSON lines.") { asOf, output };
        plan.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            Instant when;
            try
            {
                when = ContactChannels.ParseInstant(parse.GetValue(asOf) ?? "");
            }
            catch (DomainException e)
            {
                await stderr.WriteLineAsync($"--as-of: {e.Error.Detail}");
                return 2;
            }

            var file = parse.GetValue(output);
            if (file?.Directory is { Exists: false } missing)
            {
                await stderr.WriteLineAsync($"--out: the folder {missing.FullName} does not exist");
                return 2;
            }

            await using var services = CliHost.Build();
            var summary = await RunAsync<PlanOutreachRequest, OutreachPlanSummary>(services, "outreach plan", new PlanOutreachRequest(when), ct);
            var partial = file is null ? null : file.FullName + ".partial";
            var writer = partial is null ? stdout : new StreamWriter(partial);
            try
            {
                // A cursor, not an offset: each page starts where the last ended on the index.
                PlanCursor? after = null;
                do
                {
                    var page = await RunAsync<ExportPlannedContactsRequest, PlannedContactsPage>(services, "outreach plan",
                        new ExportPlannedContactsRequest(summary.Day, PlannedContactStatus.Planned, after, Page), ct);
                    foreach (var contact in page.Contacts)
                    {
                        await writer.WriteLineAsync(Line(contact));
                    }

                    after = page.Next;
                }
                while (after is not null);
            }
            finally
            {
                // Standard output stays open for the summary; only the file is closed.
                if (partial is not null)
                {
                    await writer.DisposeAsync();
                }
                else
                {
                    await writer.FlushAsync(ct);
                }
            }

            if (partial is not null)
            {
                File.Move(partial, file!.FullName, overwrite: true);
            }

            var words = $"Planned {summary.Planned} contact(s) for {summary.Day:uuuu-MM-dd} from {summary.AccountsRead} account(s): {summary.Blocked} blocked by a rule, "
                + $"{summary.NotDue} not due, {summary.AlreadyPlanned} already planned, {summary.LeftAlone} left alone (on hold or paused).";
            await (file is null ? stderr : stdout).WriteLineAsync(words);
            return 0;
        });
        return plan;
    }

    private static Command Run()
    {
        var batches = new Option<int>("--max-batches") { Description = "At most this many claimed batches of 100 (default 100).", DefaultValueFactory = _ => 100 };
        var run = new Command("run", "Send the planned contacts that are due now; each passes the compliance gate again first.") { batches };
        run.SetAction(async (parse, ct) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var max = parse.GetValue(batches);
            if (max < 1)
            {
                await stderr.WriteLineAsync($"--max-batches: must be 1 or more, not {max}");
                return 2;
            }

            await using var services = CliHost.Build();
            var sent = await RunAsync<SendDueContactsRequest, SendRunSummary>(services, "outreach run", new SendDueContactsRequest(max), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync((
                $"Sent {sent.Sent}, {sent.CallTasks} call task(s), {sent.Replanned} re-planned into the next lawful window, {sent.Cancelled} cancelled, "
                + $"{sent.Retrying} to retry, {sent.DeadLettered} dead letter(s) of {sent.Claimed} due.").AsMemory(), ct);
            return 0;
        });
        return run;
    }

    /// <summary>One planned contact: accountId, channel, scheduledAtUtc, scheduledAtLocal, timeZone, template, tone, reasons, complianceDecisionId (and its step).</summary>
    public static string Line(PlannedContactView c)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("accountId", c.AccountId.ToString());
            json.WriteString("step", c.Step.ToString());
            json.WriteString("channel", c.Channel.Name());
            json.WriteString("scheduledAtUtc", VerdictJson.Instant(c.ScheduledAt));
            json.WriteString("scheduledAtLocal", c.ScheduledAtLocal.ToString("uuuu-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            json.WriteString("timeZone", c.TimeZone);
            if (c.Template is { } template)
            {
                json.WriteString("template", template);
            }
            else
            {
                json.WriteNull("template");
            }

            json.WriteString("tone", c.Tone.ToString().ToLowerInvariant());
            json.WriteStartArray("reasons");
            foreach (var r in c.Reasons)
            {
                json.WriteStringValue(r);
            }

            json.WriteEndArray();
            if (c.ComplianceDecision is { } decision)
            {
                json.WriteNumber("complianceDecisionId", decision);
            }
            else
            {
                json.WriteNull("complianceDecisionId");
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task<TResult> RunAsync<TRequest, TResult>(ServiceProvider services, string command, TRequest request, CancellationToken ct)
        where TRequest : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<TRequest, TResult>>().HandleAsync(Actor.System($"cli:{command}"), request, ct);
    }
}
