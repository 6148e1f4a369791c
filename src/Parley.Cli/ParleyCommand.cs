using System.CommandLine;
using Parley.Cli.Commands;

namespace Parley.Cli;

/// <summary>The <c>parley</c> command tree.</summary>
public static class ParleyCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Parley — collections with empathy, inside the law.");
        root.Subcommands.Add(DbCommands.Build());
        root.Subcommands.Add(CreditorCommands.Build());
        root.Subcommands.Add(ImportCommand.Build());
        root.Subcommands.Add(DemoCommands.Build());
        root.Subcommands.Add(ComplianceCommands.Build());
        root.Subcommands.Add(ModelCommands.Build());
        root.Subcommands.Add(AuditCommands.Build());
        root.Subcommands.Add(PlanCommands.Build());
        root.Subcommands.Add(LedgerCommands.Build());
        root.Subcommands.Add(OutreachCommands.Build());
        root.Subcommands.Add(CareCommands.Build());
        return root;
    }
}
