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
}
