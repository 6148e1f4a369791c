using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Accounts.Tests.Import;
using Parley.Modules.Payments.Domain;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Creditors;

public sealed class CreditorsHttpTests
{
    [Theory]
    [DatabaseProviders]
    public async Task An_admin_creates_creditors_and_staff_list_them(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var admin = factory.ClientAs(StaffRoles.Admin);

        var created = await admin.PostAsJsonAsync("/api/creditors", new { code = "acme-card", name = "Acme Card", currency = "usd", waterfall = "interest>fees>principal", minimumInstalment = 10.50m, settlementDiscountMaxPercent = 40m });
        var duplicate = await admin.PostAsJsonAsync("/api/creditors", new { code = "ACME-CARD", name = "Again", currency = "USD" });
        var invalid = await admin.PostAsJsonAsync("/api/creditors", new { code = "no spaces", name = "", currency = "XXX", waterfall = "fees>fees>principal" });
        var byAgent = await factory.ClientAs(StaffRoles.Agent).PostAsJsonAsync("/api/creditors", new { code = "X", name = "X", currency = "USD" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var creditor = await created.Content.ReadFromJsonAsync<JsonElement>();
        creditor.GetProperty("code").GetString().ShouldBe("ACME-CARD");
        creditor.GetProperty("waterfall").GetString().ShouldBe("interest>fees>principal");
        creditor.GetProperty("minimumInstalment").GetDecimal().ShouldBe(10.50m);
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["code", "name", "currency", "waterfall"], ignoreOrder: true);
        byAgent.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var list = await factory.ClientAs(StaffRoles.Agent).GetFromJsonAsync<JsonElement>("/api/creditors");
        list.GetArrayLength().ShouldBe(1);
        (await factory.ClientAs().GetAsync("/api/creditors")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_new_waterfall_is_pushed_to_the_ledgers_of_the_creditors_accounts(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var admin = factory.ClientAs(StaffRoles.Admin);
        var creditor = await (await admin.PostAsJsonAsync("/api/creditors", new { code = "ACME", name = "Acme Bank", currency = "USD" })).Content.ReadFromJsonAsync<JsonElement>();
        await using (var scope = factory.Database.Scope())
        {
            using var file = PlacementFile.Stream(PlacementFile.Csv([PlacementFile.Row(1), PlacementFile.Row(2)]));
            await scope.ServiceProvider.GetRequiredService<PlacementImporter>().ImportAsync(new PlacementImportRequest(file, "p.csv", false), CancellationToken.None);
        }

        var changed = await admin.PutAsJsonAsync($"/api/creditors/{creditor.GetProperty("id").GetString()}/policy", new { waterfall = "principal>interest>fees" });

        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var check = factory.Database.Scope();
        var waterfalls = await check.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<LedgerAccount>().Select(a => a.Waterfall).ToListAsync();
        waterfalls.ShouldBe(["principal>interest>fees", "principal>interest>fees"]);
        (await factory.ClientAs(StaffRoles.Supervisor).PutAsJsonAsync($"/api/creditors/{creditor.GetProperty("id").GetString()}/policy", new { waterfall = "fees>interest>principal" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_creditors_plan_tolerance_defaults_to_3_grace_days_and_1_miss_and_is_set_with_its_policy(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var admin = factory.ClientAs(StaffRoles.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/creditors", new { code = "ACME", name = "Acme Bank", currency = "USD" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();

        var changed = await admin.PutAsJsonAsync($"/api/creditors/{id}/policy", new { graceDays = 0, allowedMisses = 2 });
        var invalid = await admin.PutAsJsonAsync($"/api/creditors/{id}/policy", new { graceDays = -1, allowedMisses = 13 });
        var strict = await admin.PostAsJsonAsync("/api/creditors", new { code = "STRICT", name = "Strict Bank", currency = "USD", graceDays = 7, allowedMisses = 0 });

        created.GetProperty("graceDays").GetInt32().ShouldBe(3);
        created.GetProperty("allowedMisses").GetInt32().ShouldBe(1);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await changed.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("graceDays").GetInt32().ShouldBe(0);
        view.GetProperty("allowedMisses").GetInt32().ShouldBe(2);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["graceDays", "allowedMisses"], ignoreOrder: true);
        var strictView = await strict.Content.ReadFromJsonAsync<JsonElement>();
        strictView.GetProperty("graceDays").GetInt32().ShouldBe(7);
        strictView.GetProperty("allowedMisses").GetInt32().ShouldBe(0);

        // Zero is stored as zero (not replaced by the column default), and the stored values come back.
        await using var check = factory.Database.Scope();
        var stored = await check.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Domain.Creditor>().AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.GraceDays, c.AllowedMisses }).ToListAsync();
        stored.Select(c => (c.GraceDays, c.AllowedMisses)).ShouldBe([(0, 2), (7, 0)]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_creditors_interest_fee_freeze_and_longest_plan_default_on_create_are_set_with_it_and_listed(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var admin = factory.ClientAs(StaffRoles.Admin);

        var plain = await admin.PostAsJsonAsync("/api/creditors", new { code = "PLAIN", name = "Plain Bank", currency = "USD" });
        var card = await admin.PostAsJsonAsync("/api/creditors", new
        {
            code = "CARD",
            name = "Card Bank",
            currency = "USD",
            annualInterestRatePercent = 19.9m,
            monthlyFee = 5.00m,
            freezeAllowed = false,
            maxPlanMonths = 36,
        });
        var yen = await admin.PostAsJsonAsync("/api/creditors", new { code = "YEN", name = "Yen Bank", currency = "JPY", annualInterestRatePercent = 14.9975m, monthlyFee = 500m, maxPlanMonths = 120 });

        plain.StatusCode.ShouldBe(HttpStatusCode.Created);
        Terms(await plain.Content.ReadFromJsonAsync<JsonElement>()).ShouldBe((0m, 0m, true, 60));
        card.StatusCode.ShouldBe(HttpStatusCode.Created);
        Terms(await card.Content.ReadFromJsonAsync<JsonElement>()).ShouldBe((19.9m, 5.00m, false, 36));
        yen.StatusCode.ShouldBe(HttpStatusCode.Created);
        var list = await factory.ClientAs(StaffRoles.Agent).GetFromJsonAsync<JsonElement>("/api/creditors", TestContext.Current.CancellationToken);
        list.EnumerateArray().Select(c => (c.GetProperty("code").GetString(), Terms(c))).ShouldBe(
        [
            ("CARD", (19.9m, 5.00m, false, 36)),
            ("PLAIN", (0m, 0m, true, 60)),
            ("YEN", (14.9975m, 500m, true, 120)),
        ]);

        // What is stored is what was asked: the fee in minor units, the rate to its four decimals.
        await using var check = factory.Database.Scope();
        var stored = await check.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Domain.Creditor>().AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new { c.AnnualInterestRatePercent, c.MonthlyFeeMinor, c.FreezeAllowed, c.MaxPlanMonths }).ToListAsync(TestContext.Current.CancellationToken);
        stored.Select(c => (c.AnnualInterestRatePercent, c.MonthlyFeeMinor, c.FreezeAllowed, c.MaxPlanMonths)).ShouldBe([(19.9m, 500L, false, 36), (0m, 0L, true, 60), (14.9975m, 500L, true, 120)]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_policy_change_sets_the_charges_and_longest_plan_and_a_field_left_out_keeps_its_value(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var admin = factory.ClientAs(StaffRoles.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/creditors", new
        {
            code = "ACME",
            name = "Acme Bank",
            currency = "GBP",
            annualInterestRatePercent = 24m,
            monthlyFee = 12m,
            freezeAllowed = true,
            maxPlanMonths = 48,
            graceDays = 5,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var policy = $"/api/creditors/{created.GetProperty("id").GetString()}/policy";

        var oldShape = await admin.PutAsJsonAsync(policy, new { waterfall = "interest>fees>principal", minimumInstalment = 10m });
        var rateOnly = await admin.PutAsJsonAsync(policy, new { annualInterestRatePercent = 19.9m });
        var rest = await admin.PutAsJsonAsync(policy, new { monthlyFee = 0m, freezeAllowed = false, maxPlanMonths = 120 });

        oldShape.StatusCode.ShouldBe(HttpStatusCode.OK);
        Terms(await oldShape.Content.ReadFromJsonAsync<JsonElement>()).ShouldBe((24m, 12m, true, 48));
        rateOnly.StatusCode.ShouldBe(HttpStatusCode.OK);
        Terms(await rateOnly.Content.ReadFromJsonAsync<JsonElement>()).ShouldBe((19.9m, 12m, true, 48));
        rest.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await rest.Content.ReadFromJsonAsync<JsonElement>();
        Terms(view).ShouldBe((19.9m, 0m, false, 120));
        view.GetProperty("waterfall").GetString().ShouldBe("interest>fees>principal");
        view.GetProperty("minimumInstalment").GetDecimal().ShouldBe(10m);
        view.GetProperty("graceDays").GetInt32().ShouldBe(5);
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/creditors", TestContext.Current.CancellationToken)).EnumerateArray().Single();
        Terms(listed).ShouldBe((19.9m, 0m, false, 120));
    }

    [Theory]
    [DatabaseProviders]
    public async Task Each_bad_charge_or_plan_length_is_a_400_naming_its_field_on_create_and_on_change_and_nothing_changes(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var admin = factory.ClientAs(StaffRoles.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/creditors", new { code = "ACME", name = "Acme Bank", currency = "USD", annualInterestRatePercent = 10m, monthlyFee = 2.5m })).Content.ReadFromJsonAsync<JsonElement>();
        var policy = $"/api/creditors/{created.GetProperty("id").GetString()}/policy";
        (string Field, object Body, string Message)[] bad =
        [
            ("annualInterestRatePercent", new { annualInterestRatePercent = -0.5m }, "The interest rate must be 0–100 % a year with at most 4 decimals."),
            ("annualInterestRatePercent", new { annualInterestRatePercent = 100.01m }, "The interest rate must be 0–100 % a year with at most 4 decimals."),
            ("annualInterestRatePercent", new { annualInterestRatePercent = 19.12345m }, "The interest rate must be 0–100 % a year with at most 4 decimals."),
            ("monthlyFee", new { monthlyFee = -1m }, "The monthly fee must be zero or more with at most 2 decimals for USD."),
            ("monthlyFee", new { monthlyFee = 5.001m }, "The monthly fee must be zero or more with at most 2 decimals for USD."),
            ("maxPlanMonths", new { maxPlanMonths = 0 }, "The longest plan must be 1–120 months."),
            ("maxPlanMonths", new { maxPlanMonths = 121 }, "The longest plan must be 1–120 months."),
            ("settlement", new { settlementDiscountMaxPercent = 30.125m }, "Settlement discounts have at most 2 decimals (percent)."),
        ];

        foreach (var (field, body, message) in bad)
        {
            var change = await admin.PutAsJsonAsync(policy, body);
            var create = await admin.PostAsJsonAsync("/api/creditors", Merge(new { code = "NEW", name = "New Bank", currency = "USD" }, body));

            foreach (var response in new[] { change, create })
            {
                response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{field} in {JsonSerializer.Serialize(body)}");
                var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
                errors.EnumerateObject().Select(e => e.Name).ShouldBe([field]);
                errors.GetProperty(field)[0].GetString().ShouldBe(message);
            }
        }

        // Every problem at once, and a yen fee with decimals is refused for its currency.
        var all = await admin.PostAsJsonAsync("/api/creditors", new { code = "NEW", name = "New", currency = "JPY", annualInterestRatePercent = 101m, monthlyFee = 5.5m, maxPlanMonths = 0 });
        var allErrors = (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        allErrors.EnumerateObject().Select(e => e.Name).ShouldBe(["annualInterestRatePercent", "monthlyFee", "maxPlanMonths"], ignoreOrder: true);
        allErrors.GetProperty("monthlyFee")[0].GetString().ShouldBe("The monthly fee must be zero or more with at most 0 decimals for JPY.");

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/creditors", TestContext.Current.CancellationToken);
        list.GetArrayLength().ShouldBe(1);
        Terms(list[0]).ShouldBe((10m, 2.5m, true, 60));
    }

    [Fact]
    public async Task The_openapi_document_gives_the_policy_fields_their_exact_types()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var document = await factory.ClientAs().GetFromJsonAsync<JsonElement>("/api/openapi/v1.json", TestContext.Current.CancellationToken);
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (var schema in new[] { "CreateCreditorRequest", "ChangeCreditorPolicyBody", "CreditorView" })
        {
            var properties = schemas.GetProperty(schema).GetProperty("properties");
            Format(properties, "annualInterestRatePercent").ShouldBe("number/decimal", schema);
            Format(properties, "monthlyFee").ShouldBe("number/decimal", schema);
            Format(properties, "maxPlanMonths").ShouldBe("integer/int32", schema);
            Format(properties, "freezeAllowed").ShouldBe("boolean/", schema);
        }
    }

    private static (decimal Rate, decimal Fee, bool Freeze, int Months) Terms(JsonElement creditor) =>
        (creditor.GetProperty("annualInterestRatePercent").GetDecimal(), creditor.GetProperty("monthlyFee").GetDecimal(),
            creditor.GetProperty("freezeAllowed").GetBoolean(), creditor.GetProperty("maxPlanMonths").GetInt32());

    private static Dictionary<string, object?> Merge(object first, object second)
    {
        var merged = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(first))!;
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(second))!)
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>A property's JSON type (the non-null one when it may be null) and format, e.g. <c>number/decimal</c>.</summary>
    private static string Format(JsonElement properties, string name)
    {
        var property = properties.GetProperty(name);
        var type = property.GetProperty("type") is { ValueKind: JsonValueKind.Array } types
            ? types.EnumerateArray().Select(t => t.GetString()).Single(t => t != "null")
            : property.GetProperty("type").GetString();
        return $"{type}/{(property.TryGetProperty("format", out var format) ? format.GetString() : "")}";
    }
}
