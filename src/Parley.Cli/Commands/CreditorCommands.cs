using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley creditors add|list</c>.</summary>
public static class CreditorCommands
{
    public static Command Build() => Build(CliHost.Build);

    /// <summary>The commands over the services <paramref name="host"/> builds (a test points them at its own database).</summary>
    public static Command Build(Func<ServiceProvider> host)
    {
        var creditors = new Command("creditors", "The creditors whose debts Parley collects.");
        creditors.Subcommands.Add(Add(host));
        creditors.Subcommands.Add(List(host));
        return creditors;
    }

    private static Command Add(Func<ServiceProvider> host)
    {
        var code = new Option<string>("--code") { Description = "Short code used in placement files, e.g. ACME-CARD.", Required = true };
        var name = new Option<string>("--name") { Description = "The creditor's name.", Required = true };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 currency of its accounts, e.g. USD.", Required = true };
        var waterfall = new Option<string?>("--waterfall") { Description = "Payment allocation order (default fees>interest>principal)." };
        var minimum = new Option<string?>("--minimum-instalment") { Description = "Smallest instalment in the creditor's currency (default 25.00)." };
        var settlementMin = new Option<string?>("--settlement-min") { Description = "Smallest settlement discount, percent (default 0)." };
        var settlementMax = new Option<string?>("--settlement-max") { Description = "Largest settlement discount, percent (default 30)." };
        var interestRate = new Option<string?>("--interest-rate") { Description = "Interest charged a year without an arrangement, percent: 19.9 is 19.9 % (default 0, 0–100)." };
        var monthlyFee = new Option<string?>("--monthly-fee") { Description = "Fee charged each month without an arrangement, in the creditor's currency (default 0)." };
        var freezeAllowed = new Option<string?>("--freeze-allowed") { Description = "yes or no: may a kept plan stop interest and fees (default yes)." };
        var maxPlanMonths = new Option<string?>("--max-plan-months") { Description = "The longest plan offered without approval, in months (default 60, 1–120)." };
        var graceDays = new Option<string?>("--grace-days") { Description = "Days after a plan instalment's due date before it is missed (default 3, 0–31)." };
        var allowedMisses = new Option<string?>("--allowed-misses") { Description = "Missed instalments a plan survives before it breaks (default 1, 0–12)." };
        var add = new Command("add", "Create a creditor; a policy option left out takes its default (exit 2 on bad input).")
        {
            code, name, currency, waterfall, minimum, settlementMin, settlementMax, interestRate, monthlyFee, freezeAllowed, maxPlanMonths, graceDays, allowedMisses,
        };
        add.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var input = new OptionReader(parse);
            var request = new CreateCreditorRequest(
                parse.GetValue(code)!,
                parse.GetValue(name)!,
                parse.GetValue(currency)!,
                parse.GetValue(waterfall),
                input.Decimal(minimum),
                input.Decimal(settlementMin),
                input.Decimal(settlementMax),
                input.Int(graceDays),
                input.Int(allowedMisses),
                input.Decimal(interestRate),
                input.Decimal(monthlyFee),
                input.YesNo(freezeAllowed),
                input.Int(maxPlanMonths));
            if (input.Problems.Count > 0)
            {
                await WriteAsync(error, input.Problems, ct);
                return 2;
            }

            await using var services = host();
            await using var scope = services.CreateAsyncScope();
            try
            {
                var created = await scope.ServiceProvider.GetRequiredService<IUseCase<CreateCreditorRequest, CreditorView>>().HandleAsync(Actor.System("cli:creditors add"), request, ct);
                await output.WriteLineAsync(
                    $"Created creditor {created.Code} ({created.Name}, {created.Currency}) with id {created.Id}: {Words(created)}.".AsMemory(), ct);
                return 0;
            }
            catch (DomainException e) when (e.Error.FieldErrors is { Count: > 0 } fields)
            {
                await WriteAsync(error, fields.Select(f => $"{OptionFor(f.Key)}: {string.Join(" ", f.Value)}"), ct);
                return 2; // bad input exits 2 (house rule)
            }
            catch (DomainException e)
            {
                await error.WriteLineAsync(e.Error.Detail.AsMemory(), ct);
                return e.Error.Kind == ErrorKind.Validation ? 2 : 1;
            }
        });
        return add;
    }

    private static Command List(Func<ServiceProvider> host)
    {
        var list = new Command("list", "List the creditors and their policies.");
        list.SetAction(async (parse, ct) =>
        {
            await using var services = host();
            await using var scope = services.CreateAsyncScope();
            var creditors = await scope.ServiceProvider.GetRequiredService<IUseCase<ListCreditorsRequest, IReadOnlyList<CreditorView>>>()
                .HandleAsync(Actor.System("cli:creditors list"), new ListCreditorsRequest(), ct);
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parse.InvocationConfiguration.Output) });
            if (!console.Profile.Out.IsTerminal)
            {
                console.Profile.Width = 320; // redirected to a file or a pipe: one line per creditor, not wrapped cells
            }

            var table = new Table().AddColumns(
                "Code", "Name", "Currency", "Waterfall", "Min. instalment", "Settlement %", "Interest % a year", "Fee a month", "Plan stops charges", "Longest plan", "Grace days", "Allowed misses", "Id");
            foreach (var c in creditors)
            {
                table.AddRow(
                    Markup.Escape(c.Code),
                    Markup.Escape(c.Name),
                    c.Currency,
                    c.Waterfall,
                    CreditorPolicyText.Amount(c.MinimumInstalment, c.Currency),
                    $"{Number(c.SettlementDiscountMinPercent)}–{Number(c.SettlementDiscountMaxPercent)}",
                    Number(c.AnnualInterestRatePercent),
                    CreditorPolicyText.Amount(c.MonthlyFee, c.Currency),
                    c.FreezeAllowed ? "yes" : "no",
                    $"{c.MaxPlanMonths} months",
                    $"{c.GraceDays}",
                    $"{c.AllowedMisses}",
                    c.Id.ToString());
            }

            console.Write(table);
            return 0;
        });
        return list;
    }

    private static string Words(CreditorView c) => string.Join("; ", new[]
    {
        CreditorPolicyText.Interest(c.AnnualInterestRatePercent),
        CreditorPolicyText.Fee(c.MonthlyFee, c.Currency),
        CreditorPolicyText.Freeze(c.FreezeAllowed),
        CreditorPolicyText.LongestPlan(c.MaxPlanMonths),
    }.Select((text, i) => i == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..]));

    /// <summary>The option a module field is set by, so a refusal names what the user typed.</summary>
    private static string OptionFor(string field) => field switch
    {
        "minimumInstalment" => "--minimum-instalment",
        "settlement" => "--settlement-min/--settlement-max",
        "annualInterestRatePercent" => "--interest-rate",
        "monthlyFee" => "--monthly-fee",
        "freezeAllowed" => "--freeze-allowed",
        "maxPlanMonths" => "--max-plan-months",
        "graceDays" => "--grace-days",
        "allowedMisses" => "--allowed-misses",
        _ => "--" + field,
    };

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static async Task WriteAsync(TextWriter writer, IEnumerable<string> lines, CancellationToken ct)
    {
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(line.AsMemory(), ct);
        }
    }

    /// <summary>Reads the numeric and yes/no options as invariant text, collecting one problem per unreadable option.</summary>
    private sealed class OptionReader(ParseResult parse)
    {
        public List<string> Problems { get; } = [];

        public decimal? Decimal(Option<string?> option) =>
            Read<decimal>(option, text => decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null, "a number such as 19.9");

        public int? Int(Option<string?> option) =>
            Read<int>(option, text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null, "a whole number");

        public bool? YesNo(Option<string?> option) =>
            Read<bool>(option, text => text.ToUpperInvariant() switch { "YES" or "TRUE" => true, "NO" or "FALSE" => false, _ => null }, "yes or no");

        private T? Read<T>(Option<string?> option, Func<string, T?> parser, string expected)
            where T : struct
        {
            if (parse.GetValue(option) is not { } text)
            {
                return null;
            }

            if (parser(text.Trim()) is { } value)
            {
                return value;
            }

            Problems.Add($"{option.Name}: '{text}' is not {expected}.");
            return null;
        }
    }
}
