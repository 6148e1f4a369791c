using System.Net;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;

namespace Parley.Web.Tests;

/// <summary>Health, API docs and the shape of errors, on each database provider.</summary>
public sealed class HostTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Liveness_and_readiness_answer_without_sign_in_and_readiness_checks_the_database(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var client = factory.ClientAs();
        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_api_docs_and_the_openapi_document_are_public()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.ClientAs();
        var docs = await client.GetAsync("/api/docs/", TestContext.Current.CancellationToken);
        docs.StatusCode.ShouldBe(HttpStatusCode.OK);
        var openApi = await client.GetStringAsync("/api/openapi/v1.json", TestContext.Current.CancellationToken);
        openApi.ShouldContain("\"/api/auth/token\"");
        openApi.ShouldContain("\"/api/staff\"");
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var response = await factory.ClientAs(StaffRoles.Admin).GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_without_a_stack_trace()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var response = await factory.ClientAs(StaffRoles.Admin).PostAsync(
            "/api/staff", new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldNotContain("   at ");
        body.ShouldNotContain("Exception");
    }
}
