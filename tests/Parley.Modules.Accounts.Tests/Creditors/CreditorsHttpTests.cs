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
}
