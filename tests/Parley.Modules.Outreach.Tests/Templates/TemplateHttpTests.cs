using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Parley.Persistence;
using Shouldly;

namespace Parley.Modules.Outreach.Tests.Templates;

/// <summary>The template endpoints over HTTP on the real host: the default library is there from the first start, bad input is a 400 naming its field, approval is for compliance officers.</summary>
public sealed class TemplateHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task The_host_starts_with_the_default_library_and_the_endpoints_answer_by_role_and_field(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var agent = factory.ClientAs(StaffRoles.Agent);
        var supervisor = factory.ClientAs(StaffRoles.Supervisor);
        var compliance = factory.ClientAs(StaffRoles.Compliance);

        var library = await agent.GetFromJsonAsync<JsonElement>("/api/outreach/templates?channel=sms&language=es&purpose=check_in", Ct);
        library.GetArrayLength().ShouldBe(3);
        library.EnumerateArray().ShouldAllBe(r => r.GetProperty("approvedVersion").GetInt32() == 1);

        using var badFilter = await agent.GetAsync("/api/outreach/templates?tone=angry", Ct);
        badFilter.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badFilter.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Single().Name.ShouldBe("tone");

        var key = new { purpose = "check_in", channel = "sms", language = "es", tone = "neutral" };
        using var badLanguage = await supervisor.PostAsJsonAsync("/api/outreach/templates/drafts", new { key = key with { language = "fr" }, name = "x", body = "x" }, Ct);
        badLanguage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badLanguage.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Single().Name.ShouldBe("key.language");
        using var noKey = await supervisor.PostAsJsonAsync("/api/outreach/templates/drafts", new { name = "x", body = "x" }, Ct);
        noKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var saved = await supervisor.PostAsJsonAsync("/api/outreach/templates/drafts", new { key, name = "Sin aviso", body = "Hola {{ customer.first_name }}. {% disclosure 'debt-collector' %}" }, Ct);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var draft = await saved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        draft.GetProperty("version").GetInt32().ShouldBe(2);
        draft.GetProperty("status").GetString().ShouldBe("draft");
        var id = draft.GetProperty("id").GetString();

        using var bySupervisor = await supervisor.PostAsync($"/api/outreach/templates/{id}/approve", null, Ct);
        bySupervisor.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var refused = await compliance.PostAsync($"/api/outreach/templates/{id}/approve", null, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("code").GetString().ShouldBe("outreach.template_check_failed");
        problem.GetProperty("detail").GetString()!.ShouldContain("'electronic-opt-out'");

        using var preview = await agent.PostAsJsonAsync("/api/outreach/templates/preview", new { key, body = "Hola {{ customer.first_name }}. {% disclosure 'debt-collector' %} {% disclosure 'electronic-opt-out' %}" }, Ct);
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await preview.Content.ReadFromJsonAsync<JsonElement>(Ct);
        shown.GetProperty("text").GetString().ShouldBe("Hola Carmen. Este es un mensaje de un cobrador de deudas. Responda STOP para dejar de recibir mensajes.");
        shown.GetProperty("grade").GetProperty("formula").GetString().ShouldBe("Fernández-Huerta");
        shown.GetProperty("smsSegments").GetInt32().ShouldBe(1);

        using var missing = await agent.GetAsync($"/api/outreach/templates/{Guid.Empty}", Ct);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
