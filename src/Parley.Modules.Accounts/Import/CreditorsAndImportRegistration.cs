using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Creditors;

namespace Parley.Modules.Accounts.Import;

/// <summary>Services and routes of the creditor and placement-import use cases.</summary>
public static class CreditorsAndImportRegistration
{
    public static IServiceCollection AddCreditorsAndImport(this IServiceCollection services) => services
        .AddScoped<CreateCreditor.Handler>()
        .AddScoped<ListCreditors.Handler>()
        .AddScoped<ChangeCreditorPolicy.Handler>()
        .AddScoped<PlacementImporter>();

    public static IEndpointRouteBuilder MapCreditorsAndImport(this IEndpointRouteBuilder app)
    {
        CreateCreditor.Map(app);
        ListCreditors.Map(app);
        ChangeCreditorPolicy.Map(app);
        ImportPlacements.Map(app);
        ListImports.Map(app);
        GetImportRejects.Map(app);
        return app;
    }
}
