using System.CommandLine;
using Shouldly;

namespace Parley.Cli.Tests;

/// <summary><c>parley ledger accrue</c>: an unreadable <c>--as-of</c> exits 2 naming the option, before any database is opened.</summary>
public sealed class LedgerAccrueCommandTests
{
    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("yesterday")]
    [InlineData("01/11/2026")]
    public async Task An_unreadable_as_of_date_exits_2_naming_the_option(string asOf)
    {
        var (code, output, error) = await Run("ledger", "accrue", "--as-of", asOf);

        code.ShouldBe(2);
        error.ShouldContain("--as-of:");
        error.ShouldContain("yyyy-MM-dd");
        output.ShouldBeEmpty();
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ParleyCommand.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
