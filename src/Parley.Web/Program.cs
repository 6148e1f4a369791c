using Parley.Persistence;
using Parley.Web.Composition;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddParleyCore(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddDbContextCheck<ParleyDbContext>("database", tags: ["ready"]);

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ParleyDbContext>(), CancellationToken.None);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi("/api/openapi/{documentName}.json");
app.MapScalarApiReference("/api/docs", o => o.WithOpenApiRoutePattern("/api/openapi/{documentName}.json"));
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });

await app.RunAsync();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
