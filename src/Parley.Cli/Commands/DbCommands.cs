using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Parley.Persistence;

namespace Parley.Cli.Commands;

public static class DbCommands
{
    public static Command Build()
    {
        var migrate = new Command("migrate", "Apply pending database migrations for the configured provider.");
        migrate.SetAction(async (_, ct) =>
        {
            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            var applied = await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ParleyDbContext>(), ct);
            Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        });
        var db = new Command("db", "Database maintenance.");
        db.Subcommands.Add(migrate);
        return db;
    }
}
