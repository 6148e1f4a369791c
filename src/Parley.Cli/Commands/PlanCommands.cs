using System.CommandLine;
using System.Text.Json;
using NodaTime;
using Parley.Composition;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Arrangements;
using Parley.Modules.Arrangements.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Cli.Commands;

/// <summary><c>parley plan simulate</c>: where a repayment plan takes a balance, as JSON, with no database.</summary>
public static class PlanCommands
{
    private static readonly JsonSerializerOptions Json = ParleyJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static Command Build() => Build(TimeProvider.System.ToClock());

    public static Command Build(IClock clock)
    {
        var plan = new Command("plan", "Repayment plans: simulate a plan's schedule before offering it.");
        plan.Subcommands.Add(Simulate(clock));
        return plan;
    }

    private static Command Simulate(IClock clock)
    {
        var balance = new Option<string?>("--balance") { Description = "The balance to repay, e.g. 1250.00 (required)." };
        var currency = new Option<string?>("--currency") { Description = "ISO 4217 currency, e.g. GBP (required)." };
        var amount = new Option<string?>("--amount") { Description = "The instalment (the promised amount for a promise); not used by the income and settlement shapes." };
        var frequency = new Option<string?>("--frequency") { Description = "weekly, fortnightly, four-weekly or monthly (required)." };
        var start = new Option<string?>("--start") { Description = "The first pay date, e.g. 2026-12-01 (required); later dates count from it." };
        var shape = new Option<string?>("--shape") { Description = "The plan shape (default fixed): fixed, step, seasonal, income, settlement, promise, holiday; e.g. step:steps=3x50 or settlement:discount=20;instalments=3. See docs/arrangements.md." };
        var rate = new Option<string?>("--rate") { Description = "The default path's annual interest rate, percent (default 0)." };
        var fee = new Option<string?>("--fee") { Description = "The default path's monthly fee (default 0)." };
        var minimum = new Option<string?>("--minimum-instalment") { Description = "The creditor's smallest instalment (default: none)." };
        var settlementMin = new Option<string?>("--settlement-min") { Description = "The creditor's smallest settlement discount, percent (default 0)." };
        var settlementMax = new Option<string?>("--settlement-max") { Description = "The creditor's largest settlement discount, percent (default 100)." };
        var simulate = new Command("simulate", "Print a plan's exact schedule, end date, total paid, interest and fees saved against the default path, and milestones, as JSON (exit 2 on bad input).")
        {
            balance, currency, amount, frequency, start, shape, rate, fee, minimum, settlementMin, settlementMax,
        };
        simulate.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                // The options' words read into the request's types here, at the edge; a word that does not read names its option.
                var request = new SimulatePlanRequest(
                    PlanInputText.ParseDecimal("balance", parse.GetValue(balance)),
                    parse.GetValue(currency) is { } code ? PlanInputText.ParseCurrency(code) : null,
                    PlanInputText.ParseDecimal("amount", parse.GetValue(amount)),
                    PlanInputText.ParseFrequency(parse.GetValue(frequency)),
                    PlanInputText.ParseDate("start", parse.GetValue(start)),
                    PlanInputText.ParseShape(parse.GetValue(shape)),
                    PlanInputText.ParseDecimal("rate", parse.GetValue(rate)),
                    PlanInputText.ParseDecimal("fee", parse.GetValue(fee)),
                    PlanInputText.ParseDecimal("minimum-instalment", parse.GetValue(minimum)),
                    PlanInputText.ParseDecimal("settlement-min", parse.GetValue(settlementMin)),
                    PlanInputText.ParseDecimal("settlement-max", parse.GetValue(settlementMax)));

                // The module's simulator needs no database: only its own services and this clock.
                await using var services = new ServiceCollection().AddSingleton(clock).AddArrangementsModule().BuildServiceProvider();
                await using var scope = services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<IUseCase<SimulatePlanRequest, SimulationResult>>()
                    .HandleAsync(Actor.System("cli:plan simulate"), request, ct);
                await output.WriteLineAsync(JsonSerializer.Serialize(result, Json).AsMemory(), ct);
                return 0;
            }
            catch (DomainException e) when (e.Error is PlanError plan)
            {
                await error.WriteLineAsync($"--{plan.Parameter}: {plan.Problem}".AsMemory(), ct);
                return 2;
            }
        });
        return simulate;
    }
}
