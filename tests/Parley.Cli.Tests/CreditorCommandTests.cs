using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Parley.Cli.Commands;
using Parley.Modules.Accounts.Creditors;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;

namespace Parley.Cli.Tests;

/// <summary><c>parley creditors add|list</c> set and show the whole policy; a bad value exits 2 naming its option and adds nothing.</summary>
public sealed class CreditorCommandTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Add_sets_the_interest_rate_fee_freeze_and_longest_plan_and_list_shows_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var card = await Run(database, "creditors", "add", "--code", "ACME-CARD", "--name", "Acme Card", "--currency", "USD",
            "--interest-rate", "19.9", "--monthly-fee", "5", "--freeze-allowed", "no", "--max-plan-months", "36");
        var plain = await Run(database, "creditors", "add", "--code", "PLAIN", "--name", "Plain Bank", "--currency", "GBP");
        var list = await Run(database, "creditors", "list");

        card.Code.ShouldBe(0, card.Error);
        card.Output.ShouldContain("Created creditor ACME-CARD (Acme Card, USD)");
        card.Output.ShouldContain("Interest 19.9 % a year; fee USD 5.00 a month; interest and fees go on during a plan (stopping them needs approval); plans up to 36 months.");
        plain.Code.ShouldBe(0, plain.Error);
        plain.Output.ShouldContain("No interest; no monthly fee; interest and fees stop while a plan is kept; plans up to 60 months.");
        list.Code.ShouldBe(0, list.Error);
        var rows = list.Output.Split('\n');
        Cells(rows.Single(r => r.Contains("ACME-CARD", StringComparison.Ordinal))).ShouldBe(["ACME-CARD", "Acme Card", "USD", "fees>interest>principal", "USD 25.00", "0–30", "19.9", "USD 5.00", "no", "36 months", "3", "1"]);
        Cells(rows.Single(r => r.Contains("PLAIN", StringComparison.Ordinal))).ShouldBe(["PLAIN", "Plain Bank", "GBP", "fees>interest>principal", "GBP 25.00", "0–30", "0", "GBP 0.00", "yes", "60 months", "3", "1"]);
        list.Output.ShouldContain("Interest % a year");
        list.Output.ShouldContain("Longest plan");
    }

    [Theory]
    [InlineData("--interest-rate", "nineteen", "--interest-rate: 'nineteen' is not a number such as 19.9.")]
    [InlineData("--interest-rate", "19,9", "--interest-rate: '19,9' is not a number such as 19.9.")]
    [InlineData("--interest-rate", "100.5", "--interest-rate: The interest rate must be 0–100 % a year with at most 4 decimals.")]
    [InlineData("--interest-rate", "-1", "--interest-rate: The interest rate must be 0–100 % a year with at most 4 decimals.")]
    [InlineData("--monthly-fee", "5.001", "--monthly-fee: The monthly fee must be zero or more with at most 2 decimals for USD.")]
    [InlineData("--monthly-fee", "-2", "--monthly-fee: The monthly fee must be zero or more with at most 2 decimals for USD.")]
    [InlineData("--monthly-fee", "five", "--monthly-fee: 'five' is not a number such as 19.9.")]
    [InlineData("--max-plan-months", "0", "--max-plan-months: The longest plan must be 1–120 months.")]
    [InlineData("--max-plan-months", "121", "--max-plan-months: The longest plan must be 1–120 months.")]
    [InlineData("--max-plan-months", "6.5", "--max-plan-months: '6.5' is not a whole number.")]
    [InlineData("--freeze-allowed", "maybe", "--freeze-allowed: 'maybe' is not yes or no.")]
    [InlineData("--grace-days", "32", "--grace-days: Grace days must be 0–31.")]
    public async Task A_bad_policy_value_exits_2_naming_its_option_and_adds_nothing(string option, string value, string message)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (code, output, error) = await Run(database, "creditors", "add", "--code", "ACME", "--name", "Acme", "--currency", "USD", option, value);

        code.ShouldBe(2);
        error.Trim().ShouldBe(message);
        output.ShouldBeEmpty();
        await using var scope = database.Scope();
        (await scope.ServiceProvider.GetRequiredService<ListCreditors.Handler>().HandleAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Several_bad_values_are_all_named_at_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (code, _, error) = await Run(database, "creditors", "add", "--code", "ACME", "--name", "Acme", "--currency", "JPY",
            "--interest-rate", "101", "--monthly-fee", "5.5", "--max-plan-months", "0");

        code.ShouldBe(2);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ShouldBe(
        [
            "--interest-rate: The interest rate must be 0–100 % a year with at most 4 decimals.",
            "--monthly-fee: The monthly fee must be zero or more with at most 0 decimals for JPY.",
            "--max-plan-months: The longest plan must be 1–120 months.",
        ], ignoreOrder: true);
    }

    /// <summary>The cells of one table row as Spectre draws it (│-separated, padded).</summary>
    private static string[] Cells(string row) =>
        [.. row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c.Length > 0).SkipLast(1)];

    private static async Task<(int Code, string Output, string Error)> Run(TestDatabase database, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { CreditorCommands.Build(() => Host(database)) };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The services the CLI builds from its configuration, pointed at the test's database.</summary>
    private static ServiceProvider Host(TestDatabase database) => database.ComposeServices();
}
