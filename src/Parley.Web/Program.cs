using Parley.Persistence;
using Parley.Web.Composition;
using Parley.Web.Errors;
using Parley.Web.Jobs;
using Parley.Web.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddParleyCore(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DomainExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddDbContextCheck<ParleyDbContext>("database", tags: ["ready"]);
builder.Services.AddAuthentication().AddCookie();
builder.Services.AddParleyAuthorization();
builder.Services.AddHostedService<HoldResumptionService>();
builder.Services.AddHostedService<DemoSeedOnFirstRun>();

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ParleyDbContext>(), CancellationToken.None);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();
app.MapScalarApiReference("/api/docs", o => o.WithOpenApiRoutePattern("/api/openapi/{documentName}.json")).AllowAnonymous();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapParleyEndpoints();

await app.RunAsync();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
