using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Creditors;
using Parley.SharedKernel;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley creditors add|list</c>.</summary>
public static class CreditorCommands
{
    public static Command Build()
    {
        var creditors = new Command("creditors", "The creditors whose debts Parley collects.");
        creditors.Subcommands.Add(Add());
        creditors.Subcommands.Add(List());
        return creditors;
    }

    private static Command Add()
    {
        var code = new Option<string>("--code") { Description = "Short code used in placement files, e.g. ACME-CARD.", Required = true };
        var name = new Option<string>("--name") { Description = "The creditor's name.", Required = true };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 currency of its accounts, e.g. USD.", Required = true };
        var waterfall = new Option<string?>("--waterfall") { Description = "Payment allocation order (default fees>interest>principal)." };
        var minimum = new Option<decimal?>("--minimum-instalment") { Description = "Smallest instalment (default 25.00)." };
        var settlementMin = new Option<decimal?>("--settlement-min") { Description = "Smallest settlement discount, percent (default 0)." };
        var settlementMax = new Option<decimal?>("--settlement-max") { Description = "Largest settlement discount, percent (default 30)." };
        var graceDays = new Option<int?>("--grace-days") { Description = "Days after a plan instalment's due date before it is missed (default 3, 0–31)." };
        var allowedMisses = new Option<int?>("--allowed-misses") { Description = "Missed instalments a plan survives before it breaks (default 1, 0–12)." };
        var add = new Command("add", "Create a creditor.") { code, name, currency, waterfall, minimum, settlementMin, settlementMax, graceDays, allowedMisses };
        add.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            var request = new CreateCreditor.Request(parse.GetValue(code)!, parse.GetValue(name)!, parse.GetValue(currency)!, parse.GetValue(waterfall),
                parse.GetValue(minimum), parse.GetValue(settlementMin), parse.GetValue(settlementMax), parse.GetValue(graceDays), parse.GetValue(allowedMisses));
            try
            {
                var created = await scope.ServiceProvider.GetRequiredService<CreateCreditor.Handler>().HandleAsync(request, ct);
                AnsiConsole.MarkupLineInterpolated($"Created creditor [bold]{created.Code}[/] ({created.Name}, {created.Currency}, {created.Waterfall}) with id {created.Id}.");
                return 0;
            }
            catch (DomainException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{e.Error.Detail}[/]");
                return e.Error.Kind == ErrorKind.Validation ? 2 : 1; // bad input exits 2 (house rule)
            }
        });
        return add;
    }

    private static Command List()
    {
        var list = new Command("list", "List the creditors.");
        list.SetAction(async (_, ct) =>
        {
            await using var services = CliHost.Build();
            await using var scope = services.CreateAsyncScope();
            var creditors = await scope.ServiceProvider.GetRequiredService<ListCreditors.Handler>().HandleAsync(ct);
            var table = new Table().AddColumns("Code", "Name", "Currency", "Waterfall", "Min. instalment", "Settlement %", "Grace days", "Allowed misses", "Id");
            foreach (var c in creditors)
            {
                table.AddRow(Markup.Escape(c.Code), Markup.Escape(c.Name), c.Currency, c.Waterfall, $"{c.MinimumInstalment:N2}", $"{c.SettlementDiscountMinPercent:0.##}–{c.SettlementDiscountMaxPercent:0.##}", $"{c.GraceDays}", $"{c.AllowedMisses}", c.Id.ToString());
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }
}
