using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Accounts.Tests.Import;

public sealed class ImportHttpTests
{
    [Theory]
    [DatabaseProviders]
    public async Task A_supervisor_uploads_a_file_and_reads_the_run_and_its_rejects(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        await CreateAcmeAsync(factory.ClientAs(StaffRoles.Admin));
        var supervisor = factory.ClientAs(StaffRoles.Supervisor);
        var csv = PlacementFile.Csv([PlacementFile.Row(1), PlacementFile.Row(2, ("principal", "-1")), PlacementFile.Row(3)]);

        var dry = await supervisor.PostAsync("/api/imports", Upload(csv, dryRun: true));
        dry.StatusCode.ShouldBe(HttpStatusCode.OK);
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var created = await supervisor.PostAsync("/api/imports", Upload(csv));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var dryRun = await dry.Content.ReadFromJsonAsync<JsonElement>();
        dryRun.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        dryRun.GetProperty("accountsCreated").GetInt64().ShouldBe(2);
        var run = await created.Content.ReadFromJsonAsync<JsonElement>();
        run.GetProperty("status").GetString().ShouldBe("completed");
        (run.GetProperty("rowsRead").GetInt64(), run.GetProperty("rowsRejected").GetInt64(), run.GetProperty("accountsCreated").GetInt64()).ShouldBe((3L, 1L, 2L));
        run.GetProperty("fileName").GetString().ShouldBe("placements.csv");
        var id = run.GetProperty("id").GetString();
        created.Headers.Location!.ToString().ShouldBe($"/api/imports/{id}");

        var runs = await supervisor.GetFromJsonAsync<JsonElement>("/api/imports");
        runs.GetArrayLength().ShouldBe(2);
        runs[0].GetProperty("id").GetString().ShouldBe(id);
        (await supervisor.GetFromJsonAsync<JsonElement>($"/api/imports/{id}")).GetProperty("accountsCreated").GetInt64().ShouldBe(2);
        var rejects = await supervisor.GetAsync($"/api/imports/{id}/rejects");
        rejects.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await rejects.Content.ReadAsStringAsync()).ShouldBe("row_number,account_ref,field,message\r\n3,A0000002,principal,'-1 is negative; balances and amounts must be zero or more\r\n".Replace("\r\n", Environment.NewLine, StringComparison.Ordinal));
        (await supervisor.GetAsync($"/api/imports/{Guid.CreateVersion7()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_unusable_file_is_a_400_problem_and_a_missing_file_too(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var supervisor = factory.ClientAs(StaffRoles.Supervisor);

        var wrongHeader = await supervisor.PostAsync("/api/imports", Upload("account,name\r\nA1,Maria\r\n"));
        var noFile = await supervisor.PostAsync("/api/imports", new MultipartFormDataContent { { new StringContent("true"), "dryRun" } });

        wrongHeader.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await wrongHeader.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("import.header_wrong");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("The header row is wrong: column 1 is 'account' where 'creditor_code' was expected");
        noFile.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noFile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("import.no_file");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_file_over_the_configured_limit_is_a_413_problem(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        await using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Imports:MaxUploadBytes", "2000"));
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ParleyWebFactory.RolesHeader, StaffRoles.Supervisor);
        var csv = PlacementFile.Csv(Enumerable.Range(1, 10).Select(n => PlacementFile.Row(n)));

        var response = await client.PostAsync("/api/imports", Upload(csv));

        Encoding.UTF8.GetByteCount(csv).ShouldBeGreaterThan(2000);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("import.too_large");
        problem.GetProperty("status").GetInt32().ShouldBe(413);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Only_supervisors_and_admins_may_import_or_see_imports(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var csv = PlacementFile.Csv([PlacementFile.Row(1)]);

        (await factory.ClientAs().PostAsync("/api/imports", Upload(csv))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.ClientAs(StaffRoles.Agent).PostAsync("/api/imports", Upload(csv))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientAs(StaffRoles.Compliance).GetAsync("/api/imports")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientAs(StaffRoles.Admin).GetAsync("/api/imports")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task CreateAcmeAsync(HttpClient admin) =>
        (await admin.PostAsJsonAsync("/api/creditors", new { code = "ACME", name = "Acme Bank", currency = "USD" })).EnsureSuccessStatusCode();

    private static MultipartFormDataContent Upload(string csv, bool dryRun = false)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent { { file, "file", "placements.csv" } };
        if (dryRun)
        {
            form.Add(new StringContent("true"), "dryRun");
        }

        return form;
    }
}
