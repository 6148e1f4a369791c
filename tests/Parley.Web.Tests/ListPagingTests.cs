using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Parley.Web.Tests.Guarded;

namespace Parley.Web.Tests;

/// <summary>
/// Every list endpoint of the OpenAPI document the host serves (a GET answering an array, a page of items, or CSV
/// rows), asked for extreme pages: none answers a 5xx. Those that take <c>page</c> and <c>pageSize</c> follow the one
/// paging rule (<see cref="Parley.SharedKernel.PageWindow"/>): a page past the end is an empty 200, a page below 1 or a
/// size outside its bounds a 400 naming the parameter.
/// </summary>
public sealed class ListPagingTests
{
    private static readonly string[] Extremes = ["2147483647", "-2147483648", "-1", "0", "1", "2147483648", "99999999999999999999"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task Every_list_endpoint_answers_extreme_paging_without_a_5xx_and_pages_by_one_rule(DatabaseProvider provider)
    {
        await using var world = await GuardedWorld.StartAsync(provider);
        using var client = world.Factory.ClientAs(StaffRoles.Admin);
        var document = JsonNode.Parse(await client.GetStringAsync("/api/openapi/v1.json", Ct))!;
        var import = (await client.GetFromJsonAsync<JsonElement>("/api/imports", Ct))[0].GetProperty("id").GetString()!;
        var lists = ListOperations(document).ToList();

        // The lists the document has today; a new one joins this test without being named here.
        string[] known = ["/api/accounts", "/api/imports", "/api/imports/{id}/rejects", "/api/creditors", "/api/accounts/{id}/arrangements"];
        known.Except(lists.Select(l => l.Path)).ShouldBeEmpty();
        lists.Where(l => l.Paged).Select(l => l.Path).Order(StringComparer.Ordinal).ShouldBe(["/api/accounts", "/api/imports"]);
        foreach (var list in lists)
        {
            var url = list.Path.Replace("{id}", list.Path.StartsWith("/api/imports", StringComparison.Ordinal) ? import : world.Accounts["ADA-1"].ToString(), StringComparison.Ordinal);
            foreach (var page in Extremes)
            {
                foreach (var size in Extremes)
                {
                    using var response = await client.GetAsync($"{url}?page={page}&pageSize={size}", Ct);
                    ((int)response.StatusCode).ShouldBeLessThan(500, $"GET {url}?page={page}&pageSize={size}: {await response.Content.ReadAsStringAsync(Ct)}");
                }
            }

            if (!list.Paged)
            {
                (await client.GetAsync($"{url}?page=2147483647&pageSize=2147483647", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, $"{url} has no paging and ignores it");
                continue;
            }

            var beyond = await client.GetAsync($"{url}?page=2147483647", Ct);
            beyond.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: a page past the end");
            var json = await beyond.Content.ReadFromJsonAsync<JsonElement>(Ct);
            (json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("items")).GetArrayLength().ShouldBe(0, $"{url}: a page past the end is empty");
            var largest = await client.GetAsync($"{url}?page=2147483647&pageSize={list.MaxPageSize}", Ct);
            largest.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: the last page of the largest size");

            await ShouldNameAsync(client, $"{url}?page=0", "page");
            await ShouldNameAsync(client, $"{url}?page=-2147483648", "page");
            await ShouldNameAsync(client, $"{url}?pageSize=0", "pageSize");
            await ShouldNameAsync(client, $"{url}?pageSize=-1", "pageSize");
            await ShouldNameAsync(client, $"{url}?pageSize=2147483647", "pageSize");
            await ShouldNameAsync(client, $"{url}?pageSize={list.MaxPageSize + 1}", "pageSize");
            await ShouldNameAsync(client, $"{url}?page=2147483648", "page");
        }
    }

    /// <summary>A 400 problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    private static async Task ShouldNameAsync(HttpClient client, string url, string field)
    {
        using var response = await client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"GET {url}: {body}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"GET {url} names {field}: {body}");
    }

    private sealed record ListOperation(string Path, bool Paged, int MaxPageSize);

    /// <summary>GETs whose 200 is an array, an object with an array of items, or CSV; paged when they take <c>page</c>.</summary>
    private static IEnumerable<ListOperation> ListOperations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (item?["get"] is not { } get || get["responses"]?["200"]?["content"] is not JsonObject content)
            {
                continue;
            }

            var isList = content.Any(c => c.Key == "text/csv")
                || content.Any(c => Resolve(document, c.Value?["schema"]) is { } schema
                    && (TypeOf(schema) == "array" || (Resolve(document, schema["properties"]?["items"]) is { } items && TypeOf(items) == "array")));
            if (!isList)
            {
                continue;
            }

            var parameters = get["parameters"]?.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            var paged = parameters.Contains("page") && parameters.Contains("pageSize");
            yield return new ListOperation(path, paged, path == "/api/accounts" ? 200 : 100);
        }
    }

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        while (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference[(reference.LastIndexOf('/') + 1)..]];
        }

        return schema;
    }

    private static string? TypeOf(JsonNode schema) => schema["type"] switch
    {
        JsonValue single => single.GetValue<string>(),
        JsonArray several => several.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => null,
    };
}
