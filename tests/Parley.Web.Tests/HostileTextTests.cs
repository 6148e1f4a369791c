using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using NodaTime;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.Webhooks;
using Parley.Testing;
using Parley.Web.Tests.Guarded;

namespace Parley.Web.Tests;

/// <summary>
/// Text PostgreSQL cannot store (a NUL) or that has no place in a request (other control characters) is refused at
/// the edge with a 400 that names the field, on both providers; so are an empty object and nulls where a value is
/// required. Nothing reaches the database, so nothing becomes a 500.
/// </summary>
public sealed class HostileTextTests
{
    private const string Secret = "whsec_hostile";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task A_nul_in_a_payment_reference_is_a_400_naming_the_field(DatabaseProvider provider)
    {
        await using var world = await GuardedWorld.StartAsync(provider);
        var client = world.Factory.ClientAs(StaffRoles.Agent);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{world.Accounts["ADA-1"]}/payments")
        {
            Content = Json("""{"amount": 10.00, "currency": "USD", "method": "card", "reference": "rcpt\u00001"}"""),
        };
        request.Headers.Add("Idempotency-Key", "nul-1");
        var problem = await ExpectFieldProblemAsync(await client.SendAsync(request, Ct), "reference");
        problem.GetProperty("code").GetString().ShouldBe("request.control_character");
        (await world.SnapshotAsync()).ShouldNotContain("rcpt");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_nul_in_a_hold_reason_is_a_400_naming_the_field_and_a_line_break_is_kept(DatabaseProvider provider)
    {
        await using var world = await GuardedWorld.StartAsync(provider);
        var client = world.Factory.ClientAs(StaffRoles.Agent);
        var url = $"/api/accounts/{world.Accounts["ADA-1"]}/holds";

        await ExpectFieldProblemAsync(await client.PostAsync(url, Json("""{"type": "dispute", "reason": "Disputes\u0000 the balance"}"""), Ct), "reason");
        await ExpectFieldProblemAsync(await client.PostAsync(url, Json("""{"type": "dispute", "reason": "Bell\u0007"}"""), Ct), "reason");

        // Free text may run over lines and carry tabs.
        var placed = await client.PostAsync(url, Json("""{"type": "dispute", "reason": "Disputes the balance.\r\nSee letter\tof 3 May."}"""), Ct);
        placed.StatusCode.ShouldBe(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync(Ct));
        JsonDocument.Parse(await placed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("reason").GetString().ShouldBe("Disputes the balance.\r\nSee letter\tof 3 May.");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_nul_in_a_signed_webhook_id_is_a_400_naming_the_field(DatabaseProvider provider)
    {
        await using var world = await GuardedWorld.StartAsync(provider);
        await using var web = world.Factory.WithWebHostBuilder(b => b.UseSetting("Payments:Providers:sandbox:WebhookSecret", Secret));
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var now = Instant.FromDateTimeOffset(world.Factory.Time.GetUtcNow()).ToUnixTimeSeconds();
        var before = await world.SnapshotAsync();

        foreach (var (body, field) in new[]
        {
            ($$"""{"id": "evt\u00001", "type": "payment.succeeded", "account_id": "{{world.Accounts["ADA-1"]}}", "amount": 5.00, "currency": "USD"}""", "id"),
            ($$"""{"id": "evt_2", "type": "payment.succeeded", "account_id": "{{world.Accounts["ADA-1"]}}", "amount": 5.00, "currency": "USD", "reference": "ch\u0000"}""", "reference"),
        })
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/sandbox") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(Secret, now, bytes));
            var problem = await ExpectFieldProblemAsync(await client.SendAsync(request, Ct), field);
            problem.GetProperty("code").GetString().ShouldBe("payments.webhook_malformed");
        }

        (await world.SnapshotAsync()).ShouldBe(before);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_nul_in_a_staff_name_is_a_400_naming_the_field(DatabaseProvider provider)
    {
        await using var world = await GuardedWorld.StartAsync(provider);
        var client = world.Factory.ClientAs(StaffRoles.Admin);
        var problem = await ExpectFieldProblemAsync(
            await client.PostAsync("/api/staff", Json("""{"email": "nul@parley.test", "displayName": "Nul\u0000Person", "password": "a-long-staff-password", "roles": ["agent"]}"""), Ct),
            "displayName");
        problem.GetProperty("detail").GetString().ShouldBe("The request body's field displayName contains a control character (U+0000 at position 4), which Parley does not store.");
        await ExpectFieldProblemAsync(
            await client.PostAsync("/api/staff", Json("""{"email": "nul@parley.test", "displayName": "Nul", "password": "a-long-staff-password", "roles": ["agent\u0000"]}"""), Ct),
            "roles[0]");
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_empty_object_or_nulls_to_the_token_endpoint_is_a_400_naming_the_fields(DatabaseProvider provider)
    {
        await using var host = await StaffHost.StartAsync(provider);
        var client = host.Anonymous();

        var empty = await ExpectFieldProblemAsync(await client.PostAsync("/api/auth/token", Json("{}"), Ct), "email");
        empty.GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue(empty.ToString());
        empty.GetProperty("detail").GetString().ShouldBe("The request body needs email and password: they are missing.");
        await ExpectFieldProblemAsync(await client.PostAsync("/api/auth/token", Json("""{"email": null, "password": "x"}"""), Ct), "email");
        await ExpectFieldProblemAsync(await client.PostAsync("/api/auth/token", Json($$"""{"email": "{{StaffHost.AdminEmail}}", "password": null}"""), Ct), "password");
        await ExpectFieldProblemAsync(await client.PostAsync("/api/auth/token", Json($$"""{"email": "{{StaffHost.AdminEmail}}\u0000", "password": "x"}"""), Ct), "email");
        (await client.PostAsync("/api/auth/token", Json("null"), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The refusals above cost no failed sign-in: the admin still signs in first time.
        (await host.RequestTokenAsync(StaffHost.AdminEmail, StaffHost.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_empty_object_or_nulls_to_the_staff_endpoint_is_a_400_naming_the_fields(DatabaseProvider provider)
    {
        await using var host = await StaffHost.StartAsync(provider);
        var admin = await host.BearerClientAsync(StaffHost.AdminEmail, StaffHost.AdminPassword);

        var empty = await ExpectFieldProblemAsync(await admin.PostAsync("/api/staff", Json("{}"), Ct), "email");
        var errors = empty.GetProperty("errors");
        foreach (var field in new[] { "displayName", "password", "roles" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue($"{field} missing from {empty}");
        }

        await ExpectFieldProblemAsync(
            await admin.PostAsync("/api/staff", Json("""{"email": "a@parley.test", "displayName": null, "password": "a-long-staff-password", "roles": ["agent"]}"""), Ct), "displayName");
        await ExpectFieldProblemAsync(
            await admin.PostAsync("/api/staff", Json("""{"email": "a@parley.test", "displayName": "A", "password": "a-long-staff-password", "roles": null}"""), Ct), "roles");
        await ExpectFieldProblemAsync(
            await admin.PostAsync("/api/staff", Json("""{"email": "a@parley.test", "displayName": "A", "password": "a-long-staff-password", "roles": [null]}"""), Ct), "roles[0]");
        (await admin.GetStringAsync("/api/staff", Ct)).ShouldNotContain("a@parley.test");
    }

    [Fact]
    public async Task An_empty_body_a_multi_line_route_value_a_trailing_comma_and_deep_nesting_are_described_in_plain_words()
    {
        await using var world = await GuardedWorld.StartAsync();
        var client = world.Factory.ClientAs(StaffRoles.Admin);
        var holds = $"/api/accounts/{world.Accounts["ADA-1"]}/holds";

        var empty = await Problem(await client.PostAsync(holds, Json(""), Ct));
        (empty.GetProperty("code").GetString(), empty.GetProperty("detail").GetString()).ShouldBe(("request.missing_body", "The request body is empty: send a JSON object with Content-Type: application/json."));
        var route = await Problem(await client.GetAsync("/api/accounts/%20zcy%0Aaabb", Ct));
        route.GetProperty("detail").GetString().ShouldBe("The parameter id cannot be ' zcy␊aabb': expected an id (a GUID).");
        route.GetProperty("errors").GetProperty("id")[0].GetString().ShouldBe("Expected an id (a GUID).");
        var comma = await Problem(await client.PostAsync(holds, Json("""{"type": "dispute",}"""), Ct));
        comma.GetProperty("detail").GetString().ShouldBe("The request body is not valid JSON: the JSON object contains a trailing comma at the end at line 1, position 20.");
        var deep = await Problem(await client.PostAsync(holds, Json(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100)), Ct));
        deep.GetProperty("detail").GetString()!.ShouldStartWith("The request body is not valid JSON: it nests objects and arrays more than 64 deep at line 1, position ");

        static async Task<JsonElement> Problem(HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            body.ShouldNotContain("Implicit body");
            body.ShouldNotContain("reader options");
            return JsonDocument.Parse(body).RootElement;
        }
    }

    /// <summary>
    /// Found by <see cref="HostileRequestPropertyTests"/> (seeds 5SwGcxrFLYZ3 and cyrkLuIAP-D3 on PostgreSQL, 7LnBZAy7Lf31 on SQLite): an
    /// unpaired surrogate escaped in the raw scenario body was a 500. The evaluate endpoint reads its body itself, so it
    /// checks its text itself, by the same rule as every other body.
    /// </summary>
    [Theory]
    [DatabaseProviders]
    public async Task A_lone_surrogate_or_a_nul_in_a_scenario_is_a_400_not_a_500(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var client = factory.ClientAs(StaffRoles.Compliance);
        foreach (var body in new[]
        {
            """{"scenarios": [{"id": "nul\u0000", "proposed_action": {"channel": "sms", "at": "2026-11-02T15:00:00Z"}}]}""",
            """{"\ud914x": 1}""",
            """{"\u24bf\u8a5c?\uaf53\u5ed2\udcc8\u4a4d": "1e400"}""",
            """{"scenarios": [{"id": "\udc56"}]}""",
            """{"proposed_action": {"channel": "\ud800"}}""",
            """[{"id": "a", "proposed_action": {"channel": "sms", "at": "2026-11-02T15:00:00Z"}, "facts": {"\udfff": true}}]""",
        })
        {
            using var response = await client.PostAsync("/api/compliance/evaluate", Json(body), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{body}: {text}");
            JsonDocument.Parse(text).RootElement.GetProperty("code").GetString().ShouldBe("compliance.malformed_scenario");
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Asserts a 400 problem whose errors name <paramref name="field"/> and whose detail names it too; returns the problem.</summary>
    private static async Task<JsonElement> ExpectFieldProblemAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.TryGetProperty("errors", out var errors).ShouldBeTrue(body);
        errors.TryGetProperty(field, out _).ShouldBeTrue($"the errors do not name {field}: {body}");
        (problem.GetProperty("detail").GetString() ?? "").ShouldContain(field, Case.Sensitive, body);
        body.ShouldNotContain("System.");
        return problem;
    }
}
