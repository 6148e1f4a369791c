using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Cli.Commands;

/// <summary><c>parley ledger accrue [--as-of &lt;date&gt;]</c>: one accrual pass by hand, as the hourly job runs it.</summary>
public static class LedgerCommands
{
    public static Command Build()
    {
        var ledger = new Command("ledger", "The ledger: interest and fee accrual.");
        ledger.Subcommands.Add(Accrue());
        return ledger;
    }

    private static Command Accrue()
    {
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Charge the month of this date (yyyy-MM-dd, at most a year back, not in the future) instead of each customer's current month.",
        };
        var accrue = new Command("accrue", "Post one month's interest and fee on every accruing account not frozen; a month already posted is not posted again (exit 2 on bad input).") { asOf };
        accrue.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            LocalDate? date = null;
            if (parse.GetValue(asOf) is { } text)
            {
                var parsed = LocalDatePattern.Iso.Parse(text.Trim());
                if (!parsed.Success)
                {
                    await error.WriteLineAsync($"--as-of: '{text}' is not a date (yyyy-MM-dd)".AsMemory(), ct);
                    return 2;
                }

                date = parsed.Value;
            }

            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            try
            {
                var summary = await scope.ServiceProvider.GetRequiredService<IUseCase<AccrueInterestAndFeesRequest, AccrualSummary>>()
                    .HandleAsync(Actor.System("cli:ledger accrue"), new AccrueInterestAndFeesRequest(date), ct);
                var frozen = summary.FrozenByRule.Count == 0 ? "" : $" ({string.Join(", ", summary.FrozenByRule.Select(r => $"{r.Key}: {r.Value}"))})";
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Accrual: {summary.Accounts} account(s); posted {summary.InterestPosted} interest and {summary.FeesPosted} fee entries; {summary.AlreadyPosted} already posted; {summary.Frozen} frozen{frozen}; {summary.NothingDue} with nothing due.").AsMemory(), ct);
                return 0;
            }
            catch (DomainException e) when (e.Error is InvalidAccrualDate invalid)
            {
                await error.WriteLineAsync($"--as-of: {invalid.Problem}".AsMemory(), ct);
                return 2;
            }
        });
        return accrue;
    }
}
