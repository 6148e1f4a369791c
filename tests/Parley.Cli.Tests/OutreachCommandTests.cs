using System.CommandLine;
using System.Text.Json;
using NodaTime;
using Parley.Cli.Commands;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Cli.Tests;

/// <summary><c>parley outreach plan|run</c>: bad input exits 2 naming the option before any database is opened; the plan's JSON line carries every field the issue names.</summary>
public sealed class OutreachCommandTests
{
    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2026-11-02")]
    [InlineData("2026-11-02T25:00:00Z")]
    public async Task An_unreadable_as_of_exits_2_naming_the_option(string asOf)
    {
        var (code, output, error) = await Run("outreach", "plan", "--as-of", asOf);

        code.ShouldBe(2);
        error.ShouldContain("--as-of:");
        error.ShouldContain("ISO 8601");
        output.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_out_file_in_a_folder_that_does_not_exist_exits_2_naming_the_option()
    {
        var (code, _, error) = await Run("outreach", "plan", "--as-of", "2026-11-02T13:00:00Z", "--out", "/nonexistent-parley-folder/plan.jsonl");

        code.ShouldBe(2);
        error.ShouldContain("--out:");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Run_with_no_batches_exits_2_naming_the_option(string batches)
    {
        var (code, _, error) = await Run("outreach", "run", "--max-batches", batches);

        code.ShouldBe(2);
        error.ShouldContain("--max-batches:");
    }

    [Fact]
    public void A_plan_line_has_the_account_channel_both_times_zone_template_tone_reasons_and_decision()
    {
        var account = AccountId.New();
        var at = Instant.FromUtc(2026, 11, 2, 15, 7);
        var line = OutreachCommands.Line(new PlannedContactView(PlannedContactId.New(), account, OutreachStep.Reminder, ContactChannel.Sms, MessagePurpose.Reminder,
            MessageTone.Neutral, "es", at, "America/New_York", new LocalDateTime(2026, 11, 2, 10, 7), "reminder/sms/es/neutral", ["step reminder: …", "hour Mon 10:07"], 42,
            PlannedContactStatus.Planned, 0, at, null, null, []));

        var json = JsonDocument.Parse(line).RootElement;
        json.GetProperty("accountId").GetString().ShouldBe(account.ToString());
        json.GetProperty("channel").GetString().ShouldBe("sms");
        json.GetProperty("scheduledAtUtc").GetString().ShouldBe("2026-11-02T15:07:00Z");
        json.GetProperty("scheduledAtLocal").GetString().ShouldBe("2026-11-02T10:07:00");
        json.GetProperty("timeZone").GetString().ShouldBe("America/New_York");
        json.GetProperty("template").GetString().ShouldBe("reminder/sms/es/neutral");
        json.GetProperty("tone").GetString().ShouldBe("neutral");
        json.GetProperty("reasons").GetArrayLength().ShouldBe(2);
        json.GetProperty("complianceDecisionId").GetInt64().ShouldBe(42);
        line.ShouldNotContain("\n");
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ParleyCommand.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
