using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Persistence;
using Parley.Testing;

namespace Parley.Web.Tests;

/// <summary>The OpenAPI document the host serves is one a client generator and a docs UI can use as it is.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_document_has_no_errors_under_redocly_recommended_lint()
    {
        var redocly = ExternalTools.RequireRedocly();
        var file = Path.Combine(Path.GetTempPath(), $"parley-openapi-{Guid.CreateVersion7():N}.json");
        await File.WriteAllTextAsync(file, await FetchAsync(), TestContext.Current.CancellationToken);
        try
        {
            var (exitCode, output) = await ExternalTools.RunAsync(
                "node",
                [redocly, "lint", file, "--config", Path.Combine(ExternalTools.LintFolder, "redocly.yaml"), "--format", "json"],
                ExternalTools.LintFolder,
                new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });
            var json = output[output.IndexOf('{', StringComparison.Ordinal)..(output.LastIndexOf('}') + 1)];
            var report = JsonNode.Parse(json)!;
            var errors = report["problems"]!.AsArray()
                .Where(p => (string?)p!["severity"] == "error")
                .Select(p => $"{p!["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}")
                .ToList();
            errors.ShouldBeEmpty(string.Join('\n', errors));
            ((int)report["totals"]!["errors"]!).ShouldBe(0);
            exitCode.ShouldBe(0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Ids_instants_dates_and_amounts_have_the_types_the_json_carries()
    {
        var document = JsonNode.Parse(await FetchAsync())!;
        var schemas = document["components"]!["schemas"]!.AsObject();

        Property(schemas, "AccountSummary", "accountId").ShouldBe("""{"type":"string","description":"AccountId: a UUID.","format":"uuid"}""");
        Property(schemas, "HoldView", "startsAt").ShouldContain("\"format\":\"date-time\"");
        Property(schemas, "HoldView", "plannedEndAt").ShouldContain("\"type\":[\"null\",\"string\"]");
        Property(schemas, "AccountDetails", "chargeOffDate").ShouldContain("\"format\":\"date\"");
        Property(schemas, "BalanceResponse", "outstanding").ShouldBe("""{"type":"number","format":"decimal"}""");
        Property(schemas, "BalanceResponse", "currency").ShouldContain("ISO 4217");
        Property(schemas, "AccountSummary", "daysPastDue").ShouldBe("""{"type":"integer","format":"int32"}""");
        Property(schemas, "AccountSummary", "status").ShouldContain("#/components/schemas/AccountStatus");
        schemas["AccountStatus"]!["type"]!.GetValue<string>().ShouldBe("string");

        // Only the compliance gate's free-form JSON may be any value; nothing else is an empty schema.
        schemas.Where(s => s.Value is JsonObject { Count: 0 }).Select(s => s.Key).ShouldBe(["JsonElement"]);

        var payment = document["paths"]!["/api/accounts/{id}/payments"]!["post"]!;
        var parameters = payment["parameters"]!.AsArray();
        parameters.Single(p => (string?)p!["name"] == "id")!["schema"]!["format"]!.GetValue<string>().ShouldBe("uuid");
        parameters.Single(p => (string?)p!["name"] == "Idempotency-Key")!["required"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Each_use_case_has_its_own_request_schema()
    {
        var document = JsonNode.Parse(await FetchAsync())!;
        BodySchema(document, "/api/creditors", "post").ShouldBe("#/components/schemas/CreateCreditorRequest");
        BodySchema(document, "/api/creditors/{id}/policy", "put").ShouldBe("#/components/schemas/ChangeCreditorPolicyBody");
        document["components"]!["schemas"]!["ChangeCreditorPolicyBody"]!["properties"]!.AsObject().ContainsKey("code").ShouldBeFalse();
        BodySchema(document, "/api/imports", "post", "multipart/form-data").ShouldBe("#/components/schemas/ImportPlacementsForm");
    }

    [Fact]
    public async Task Secured_operations_name_the_bearer_scheme_and_every_operation_documents_its_problems()
    {
        var document = JsonNode.Parse(await FetchAsync())!;
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        ((string?)scheme["type"]).ShouldBe("http");
        ((string?)scheme["scheme"]).ShouldBe("bearer");

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Operation: op.Value!.AsObject())))
            .ToList();
        operations.Count.ShouldBeGreaterThan(30);
        foreach (var (name, operation) in operations)
        {
            var responses = operation["responses"]!.AsObject();
            var codes = responses.Select(r => r.Key).ToList();
            codes.ShouldContain(c => c.StartsWith('4'), $"{name} documents no 4xx");
            operation.ContainsKey("operationId").ShouldBeTrue($"{name} has no operationId");
            operation.ContainsKey("summary").ShouldBeTrue($"{name} has no summary");
            foreach (var problem in responses.Where(r => r.Key.StartsWith('4')))
            {
                problem.Value!["content"]!.AsObject().ContainsKey("application/problem+json").ShouldBeTrue($"{name} {problem.Key} is not a problem");
            }

            var security = operation["security"]!.AsArray();
            if (name is "POST /api/auth/token" or "POST /api/payments/webhooks/{provider}" or "POST /api/outreach/sms/webhooks/{provider}"
                or "POST /api/outreach/sms/inbound/{provider}" or "POST /api/outreach/email/inbound" or "POST /outreach/unsubscribe/{token}")
            {
                security.ShouldBeEmpty($"{name} is open");
                continue;
            }

            security.Single()!.AsObject().Select(s => s.Key).ShouldBe(["Bearer"], name);
            codes.ShouldContain("401", name);
            codes.ShouldContain("403", name);
        }

        var token = document["paths"]!["/api/auth/token"]!["post"]!["responses"]!;
        token["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/AccessTokenResponse");
        token.AsObject().ContainsKey("401").ShouldBeTrue();
        document["paths"]!["/api/accounts/{id}/payments"]!["post"]!["responses"]!.AsObject().Select(r => r.Key)
            .ShouldBe(["201", "400", "401", "403", "404", "409"], ignoreOrder: true);
    }

    // One host serves the document for every test here: it is the same for all of them.
    private static readonly Lazy<Task<string>> Document = new(async () =>
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        return await factory.ClientAs().GetStringAsync("/api/openapi/v1.json", CancellationToken.None);
    });

    private static Task<string> FetchAsync() => Document.Value;

    private static string Property(JsonObject schemas, string schema, string property) =>
        schemas[schema]!["properties"]![property]!.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    private static string? BodySchema(JsonNode document, string path, string method, string contentType = "application/json") =>
        (string?)document["paths"]![path]![method]!["requestBody"]!["content"]![contentType]!["schema"]!["$ref"];
}
