using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Creditors;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts.Import;

/// <summary>Services and routes of the creditor and placement-import use cases.</summary>
internal static class CreditorsAndImportRegistration
{
    public static IServiceCollection AddCreditorsAndImport(this IServiceCollection services) => services
        .AddUseCase<CreateCreditor>()
        .AddUseCase<ListCreditors>()
        .AddUseCase<ChangeCreditorPolicy>()
        .AddUseCase<ImportPlacements>()
        .AddUseCase<ListImports>()
        .AddUseCase<GetImportRejects>()
        .AddUseCase<MarkInterruptedImports>()
        .AddSingleton(ImportRunOwner.ThisProcess)
        .AddSingleton(sp => ImportLease.FromConfiguration(sp.GetService<IConfiguration>()))
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
