using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;

namespace Parley.Web.Tests;

/// <summary>
/// Malformed input on every endpoint that reads a JSON body: a 400 ProblemDetails that says what is wrong (where the
/// JSON breaks, or which field has the wrong type), never a 5xx and never a bare status — in Development as in
/// Production. A body that is not JSON at all is a 415 ProblemDetails.
/// </summary>
public sealed class MalformedInputTests
{
    public static TheoryData<string> Environments => ["Development", "Production"];

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Malformed_json_on_every_json_endpoint_is_a_400_problem_that_says_what_is_wrong(string environment)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var host = factory.WithWebHostBuilder(b => b.UseEnvironment(environment));
        var client = AdminClient(host.CreateClient(new() { AllowAutoRedirect = false }));
        var endpoints = EndpointCatalogue.WithJsonBody(host.Services);
        endpoints.Select(e => e.Endpoint.Pattern).ShouldContain("/api/staff");
        endpoints.Select(e => e.Endpoint.Pattern).ShouldContain("/api/auth/token");

        var failures = new List<string>();
        foreach (var (endpoint, bodyType) in endpoints)
        {
            // An endpoint that reads raw JSON (a JsonElement) words its own errors; a typed body's come from the host.
            var typed = bodyType != typeof(JsonElement);
            var field = typed ? FirstField(bodyType) : null;
            var bodies = new List<(string Name, string Body, string? MustMention)>
            {
                ("truncated", field is null ? "{\"a\": " : $"{{\"{field.Value.Name}\": ", typed ? "line 1" : null),
                ("an unclosed array", "[", null),
                ("plain text", "I would like to pay 50 dollars please", null),
            };
            if (field is { } f)
            {
                bodies.Add(("a field of the wrong type", $"{{\"{f.Name}\": {f.WrongValue}}}", f.Name));
            }

            foreach (var (name, body, mustMention) in bodies)
            {
                using var response = await client.SendAsync(
                    new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
                    TestContext.Current.CancellationToken);
                var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, $"{endpoint} with {name} ({body})", failures);
                if (problem is { } detail && mustMention is not null && !detail.Contains(mustMention, StringComparison.Ordinal))
                {
                    failures.Add($"{endpoint} with {name} ({body}): the detail does not mention '{mustMention}': {detail}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_body_that_is_not_json_on_a_json_endpoint_is_a_415_problem(string environment)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var host = factory.WithWebHostBuilder(b => b.UseEnvironment(environment));
        var client = AdminClient(host.CreateClient(new() { AllowAutoRedirect = false }));
        var failures = new List<string>();
        foreach (var (endpoint, _) in EndpointCatalogue.WithJsonBody(host.Services))
        {
            using var response = await client.SendAsync(
                new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") },
                TestContext.Current.CancellationToken);
            var detail = await ExpectProblemAsync(response, HttpStatusCode.UnsupportedMediaType, $"{endpoint} with text/plain", failures);
            if (detail is not null && !detail.Contains("application/json", StringComparison.Ordinal))
            {
                failures.Add($"{endpoint} with text/plain: the detail does not say to send application/json: {detail}");
            }
        }

        failures.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_query_parameter_that_does_not_bind_is_a_400_problem_naming_it(string environment)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var host = factory.WithWebHostBuilder(b => b.UseEnvironment(environment));
        var client = AdminClient(host.CreateClient(new() { AllowAutoRedirect = false }));
        using var response = await client.GetAsync("/api/accounts?page=abc", TestContext.Current.CancellationToken);
        var failures = new List<string>();
        var detail = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "GET /api/accounts?page=abc", failures);
        failures.ShouldBeEmpty();
        detail.ShouldBe("The parameter page cannot be 'abc': expected a whole number.");
    }

    [Fact]
    public async Task The_detail_says_where_the_json_breaks_and_which_field_is_wrong()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.ClientAs(StaffRoles.Admin);
        var ct = TestContext.Current.CancellationToken;

        using var truncated = await client.PostAsync("/api/staff", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"), ct);
        var truncatedProblem = JsonDocument.Parse(await truncated.Content.ReadAsStringAsync(ct)).RootElement;
        truncatedProblem.GetProperty("detail").GetString().ShouldBe("The request body is not valid JSON: it ends before every object and array is closed at line 1, position 11 (in email).");
        truncatedProblem.GetProperty("code").GetString().ShouldBe("request.malformed_json");

        using var wrongType = await client.PostAsync("/api/staff", new StringContent("{\"email\": \"a@b.c\", \"roles\": \"Admin\"}", Encoding.UTF8, "application/json"), ct);
        var wrongTypeProblem = JsonDocument.Parse(await wrongType.Content.ReadAsStringAsync(ct)).RootElement;
        wrongTypeProblem.GetProperty("detail").GetString().ShouldBe("The request body's field roles is not valid: expected a list at line 1, position 36.");
        wrongTypeProblem.GetProperty("errors").GetProperty("roles")[0].GetString().ShouldBe("Expected a list.");

        using var notAnInstant = await client.PostAsync(
            "/api/accounts/0193a6f0-0000-7000-8000-000000000001/payments", new StringContent("{\"amount\": 10, \"receivedAt\": \"yesterday\"}", Encoding.UTF8, "application/json"), ct);
        JsonDocument.Parse(await notAnInstant.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("detail").GetString()
            .ShouldBe("The request body's field receivedAt is not valid: expected a date and time such as \"2026-01-31T09:30:00Z\" at line 1, position 41.");
    }

    private static HttpClient AdminClient(HttpClient client)
    {
        client.DefaultRequestHeaders.Add(ParleyWebFactory.RolesHeader, StaffRoles.Admin);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Asserts an RFC 9457 problem with this status and a detail free of stack traces and type names; returns the detail.</summary>
    private static async Task<string?> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string what, List<string> failures)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.StatusCode != status || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{what}: expected {(int)status} application/problem+json, got {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}: {body}");
            return null;
        }

        var detail = JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
        if (string.IsNullOrWhiteSpace(detail))
        {
            failures.Add($"{what}: the problem has no detail: {body}");
            return null;
        }

        if (detail.Contains("System.", StringComparison.Ordinal) || detail.Contains("Parley.", StringComparison.Ordinal) || body.Contains("   at ", StringComparison.Ordinal))
        {
            failures.Add($"{what}: the problem shows the server's internals: {body}");
        }

        return detail;
    }

    /// <summary>The body type's first property as JSON names it, and a value of the wrong type for it.</summary>
    private static (string Name, string WrongValue)? FirstField(Type bodyType)
    {
        var property = bodyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p => p.GetIndexParameters().Length == 0 && p.PropertyType != typeof(JsonElement) && p.PropertyType != typeof(object));
        if (property is null)
        {
            return null;
        }

        var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return (name, type == typeof(string) ? "42" : type == typeof(bool) ? "\"maybe\"" : "true");
    }
}
