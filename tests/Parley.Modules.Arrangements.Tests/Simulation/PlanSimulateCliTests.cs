using System.CommandLine;
using System.Text.Json;
using NodaTime;
using NodaTime.Testing;
using Parley.Cli.Commands;
using Shouldly;

namespace Parley.Modules.Arrangements.Tests.Simulation;

/// <summary><c>parley plan simulate</c>: JSON on stdout, exit 0; bad input on stderr naming the option, exit 2.</summary>
public sealed class PlanSimulateCliTests
{
    private static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { PlanCommands.Build(new FakeClock(Instant.FromUtc(2026, 11, 23, 12, 0))) };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(["plan", "simulate", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Prints_the_schedule_end_date_total_savings_and_milestones_as_json()
    {
        var (exit, output, error) = await RunAsync("--balance", "1000", "--currency", "GBP", "--amount", "300", "--frequency", "monthly", "--start", "2026-12-01", "--rate", "24", "--fee", "12");

        exit.ShouldBe(0, error);
        error.ShouldBeEmpty();
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("endDate").GetString().ShouldBe("2027-03-01");
        root.GetProperty("totalPaid").GetRawText().ShouldBe("1000.00");
        root.GetProperty("interestSaved").GetRawText().ShouldBe("59.18");
        root.GetProperty("feesSaved").GetRawText().ShouldBe("36.00");
        root.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("percent").GetInt32()).ShouldBe([25, 50, 75, 100]);
        var schedule = root.GetProperty("schedule").EnumerateArray().ToList();
        schedule.Select(i => i.GetProperty("date").GetString()).ShouldBe(["2026-12-01", "2027-01-01", "2027-02-01", "2027-03-01"]);
        schedule.Select(i => i.GetProperty("amount").GetRawText()).ShouldBe(["300.00", "300.00", "300.00", "100.00"]);
        schedule.Select(i => i.GetProperty("balanceAfter").GetRawText()).ShouldBe(["700.00", "400.00", "100.00", "0.00"]);
    }

    [Fact]
    public async Task Applies_the_creditor_bounds_given_as_options()
    {
        var (exit, _, error) = await RunAsync("--balance", "1000", "--currency", "GBP", "--frequency", "weekly", "--start", "2026-12-01", "--shape", "settlement:discount=40", "--settlement-max", "30");

        exit.ShouldBe(2);
        error.ShouldStartWith("--shape: a settlement discount of 40% is outside the creditor's bounds of 0%–30%");
    }

    [Theory]
    [InlineData("--balance", "--currency GBP --amount 300 --frequency monthly --start 2026-12-01")]
    [InlineData("--balance", "--balance ten --currency GBP --amount 300 --frequency monthly --start 2026-12-01")]
    [InlineData("--currency", "--balance 1000 --currency XXX --amount 300 --frequency monthly --start 2026-12-01")]
    [InlineData("--amount", "--balance 1000 --currency GBP --amount 0 --frequency monthly --start 2026-12-01")]
    [InlineData("--amount", "--balance 1000 --currency GBP --amount 1000.01 --frequency monthly --start 2026-12-01")]
    [InlineData("--amount", "--balance 1000 --currency GBP --amount 20 --frequency monthly --start 2026-12-01 --minimum-instalment 25")]
    [InlineData("--frequency", "--balance 1000 --currency GBP --amount 300 --frequency daily --start 2026-12-01")]
    [InlineData("--start", "--balance 1000 --currency GBP --amount 300 --frequency monthly --start 2026-11-21")]
    [InlineData("--shape", "--balance 1000 --currency GBP --amount 300 --frequency monthly --start 2026-12-01 --shape balloon")]
    [InlineData("--rate", "--balance 1000 --currency GBP --amount 300 --frequency monthly --start 2026-12-01 --rate 101")]
    public async Task Bad_input_exits_2_naming_the_option(string option, string args)
    {
        var (exit, output, error) = await RunAsync(args.Split(' '));

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldStartWith($"{option}: ");
    }
}
