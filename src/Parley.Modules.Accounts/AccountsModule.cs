using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Accounts.UseCases;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Accounts;

/// <summary>Creditors, customers, contact points, accounts, statement history, holds and placement import.</summary>
public static class AccountsModule
{
    public static IServiceCollection AddAccountsModule(this IServiceCollection services)
    {
        services.AddScoped<SearchAccounts>();
        services.AddScoped<GetPortfolioSummary>();
        services.AddUseCase<GetAccountDetails>();
        services.AddUseCase<PlaceHold>();
        services.AddUseCase<EndHold>();
        services.AddScoped<ResumeDueHolds>();
        services.AddScoped<Contracts.IContactProfiles, GetContactProfile>();
        services.AddScoped<Contracts.IAccountArrangementPolicies, GetArrangementPolicy>();
        services.AddScoped<Contracts.IAccountStatementReader, ReadAccountStatements>();
        services.AddScoped<Contracts.IAccountHoldHistories, GetAccountHoldHistory>();
        services.AddScoped<Contracts.ICustomerLocales, GetCustomerLocale>();
        services.AddScoped<Parley.Modules.Payments.Contracts.IAccruingAccounts, ListAccruingAccounts>();
        services.AddScoped<Parley.SharedKernel.Security.IAccountCreditors, AccountCreditors>();
        foreach (var type in FollowAccountStanding.EventTypes)
        {
            services.AddScoped<Parley.Persistence.Outbox.IOutboxHandler>(sp => new FollowAccountStanding(
                type, sp.GetRequiredService<Parley.Persistence.ParleyDbContext>(), sp.GetRequiredService<Parley.Modules.Payments.Contracts.IBalanceQueries>()));
        }
        services.AddCreditorsAndImport();
        return services;
    }

    public static IEndpointRouteBuilder MapAccountsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Accounts");
        SearchAccounts.Map(api);
        GetAccountDetails.Map(api);
        PlaceHold.Map(api);
        EndHold.Map(api);
        return app;
    }
}
