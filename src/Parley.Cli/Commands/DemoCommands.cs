using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Parley.Demo.Outcomes;
using Parley.Demo.Placements;
using Parley.Demo;
using Parley.Demo.Portfolio;
using Parley.Demo.Seeding;
using Parley.Modules.Decisioning.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Cli.Commands;

/// <summary><c>parley demo</c>: the deterministic synthetic portfolio, as a placement file or seeded into the database.</summary>
public static class DemoCommands
{
    public static Command Build()
    {
        var demo = new Command("demo", "The synthetic demo portfolio (deterministic under a seed).");
        demo.Subcommands.Add(Placements());
        demo.Subcommands.Add(Seed());
        demo.Subcommands.Add(Outcomes());
        return demo;
    }

    private static Option<int> SeedOption() => new("--seed")
    {
        Description = "Random seed (≥ 0); the same seed, count and as-of date give a byte-identical portfolio.",
        DefaultValueFactory = _ => DemoDefaults.Seed,
    };

    private static Option<string?> AsOfOption() => new("--as-of")
    {
        Description = "Date the portfolio is drawn up to (YYYY-MM-DD, not in the future); default today (UTC).",
    };

    private static Command Placements()
    {
        var accounts = new Option<long>("--accounts") { Description = "Number of accounts (rows) to write.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Placement CSV to write.", Required = true };
        var seed = SeedOption();
        var asOf = AsOfOption();
        var command = new Command("placements", "Write a placement file in the agreed CSV format (streamed; also used for import benchmarks).")
        {
            accounts, output, seed, asOf,
        };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(accounts);
            if (Generator(count, parse.GetValue(seed), parse.GetValue(asOf)) is not { } generator)
            {
                return 2;
            }

            var date = generator.AsOf;
            var file = parse.GetValue(output)!;
            var clock = Stopwatch.StartNew();
            var rows = await PlacementFileWriter.WriteFileAsync(
                file.FullName,
                generator.People(),
                count,
                n => Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{n:N0} rows…")),
                ct);
            clock.Stop();
            file.Refresh();
            Console.Error.Write('\r');
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Wrote {rows:N0} accounts as of {date:yyyy'-'MM'-'dd} (seed {generator.Seed}) to {file.FullName}: {file.Length / 1048576.0:N1} MiB in {clock.Elapsed.TotalSeconds:N1} s, {rows / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N0} rows/s."));
            return 0;
        });
        return command;
    }

    private static Command Outcomes()
    {
        var accounts = new Option<int>("--accounts") { Description = "Number of accounts in collections (rows) to write.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Propensity training CSV to write (format in docs/models.md).", Required = true };
        var seed = SeedOption();
        var asOf = AsOfOption();
        var command = new Command(
            "outcomes",
            "Write the demo accounts' facts with a SIMULATED outcome — paid within 30 days of the as-of date, yes or no — for training the propensity-to-pay model.")
        {
            accounts, output, seed, asOf,
        };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(accounts);
            if (Generator(count, parse.GetValue(seed), parse.GetValue(asOf)) is not { } generator)
            {
                return 2;
            }

            var date = generator.AsOf;
            var file = parse.GetValue(output)!;
            int rows;
            int paid;
            try
            {
                (rows, paid) = DemoOutcomes.WriteFile(file.FullName, generator, count);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"{file.FullName}: {e.Message}");
                return 2;
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Wrote {rows:N0} accounts as of {date:yyyy'-'MM'-'dd} (seed {generator.Seed}) to {file.FullName}: {paid:N0} ({(double)paid / rows:0.0%}) paid within 30 days (simulated)."));
            return 0;
        });
        return command;
    }

    private static Command Seed()
    {
        var people = new Option<int>("--customers")
        {
            Description = "Number of people to generate (each is a customer of one or two creditors).",
            DefaultValueFactory = _ => DemoDefaults.People,
        };
        var seed = SeedOption();
        var command = new Command("seed", "Create the demo creditors and import, hold and pay the demo portfolio as of today; running it again changes nothing.")
        {
            people, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(people) < 1 || parse.GetValue(seed) < 0)
            {
                await Console.Error.WriteLineAsync("--customers must be at least 1 and --seed at least 0.");
                return 2;
            }

            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ParleyDbContext>(), ct);
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider);
            var result = await seeder.SeedAsync(parse.GetValue(seed), parse.GetValue(people), ct);
            var import = result.Import;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Creditors created: {result.CreditorsCreated}. Import {import.Status}: {import.RowsRead:N0} rows, {import.AccountsCreated:N0} accounts created, {import.AccountsUpdated:N0} updated, {import.AccountsUnchanged:N0} unchanged, {import.RowsRejected:N0} rejected."));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Holds placed: {result.HoldsPlaced}. Payments posted: {result.PaymentsPosted} ({result.Overpayments} overpayments, {result.Chargebacks} chargebacks). "
                + $"Contacts recorded: {result.Outreach.Contacts}; customers with preferences: {result.Outreach.Preferences}; messages sent now: {result.Outreach.MessagesSent}; replies: {result.Outreach.Replies}."));
            // The shipped default model, so a newcomer's account pages open on a score.
            var system = Actor.System("cli:demo seed");
            var registered = await scope.ServiceProvider.GetRequiredService<IUseCase<RegisterDefaultModelsRequest, IReadOnlyList<ModelRegistration>>>()
                .HandleAsync(system, new RegisterDefaultModelsRequest(), ct);
            var scored = await scope.ServiceProvider.GetRequiredService<IUseCase<ScorePortfolioRequest, PortfolioScoring>>().HandleAsync(system, new ScorePortfolioRequest(), ct);
            Console.WriteLine($"{string.Concat(registered.Select(r => $"Default {r.Model.Kind} model {r.Model.Version} registered. "))}Accounts scored: {scored.Accounts} (early warning {scored.ModelVersion ?? "none active"}, propensity {scored.PropensityVersion ?? "none active"}).");
            return import.RowsRejected == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>The portfolio a file-writing command draws from, or null (having said why) when its options are wrong.</summary>
    private static PortfolioGenerator? Generator(long accounts, int seed, string? asOf)
    {
        if (accounts < 1 || seed < 0)
        {
            Console.Error.WriteLine("--accounts must be at least 1 and --seed at least 0.");
            return null;
        }

        return TryAsOf(asOf, out var date) ? new PortfolioGenerator(seed, date) : null;
    }

    private static bool TryAsOf(string? text, out LocalDate date)
    {
        var today = TimeProvider.System.ToClock().GetCurrentInstant().InUtc().Date;
        if (text is null)
        {
            date = today;
            return true;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success || parsed.Value > today)
        {
            Console.Error.WriteLine($"--as-of must be a date (YYYY-MM-DD) no later than {today:yyyy'-'MM'-'dd}.");
            date = default;
            return false;
        }

        date = parsed.Value;
        return true;
    }
}
