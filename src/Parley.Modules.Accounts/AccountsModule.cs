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
        services.AddUseCase<SearchAccounts>();
        services.AddUseCase<GetPortfolioSummary>();
        services.AddUseCase<GetAccountDetails>();
        services.AddUseCase<PlaceHold>();
        services.AddUseCase<EndHold>();
        services.AddUseCase<ResumeDueHolds>();
        services.AddUseCase<GetAccountReferences>();
        services.AddUseCase<GetMessageAccounts>();
        services.AddScoped<Contracts.IContactProfiles, GetContactProfile>();
        services.AddScoped<Contracts.IAccountArrangementPolicies, GetArrangementPolicy>();
        services.AddScoped<Contracts.IAccountStatementReader, ReadAccountStatements>();
        services.AddScoped<Contracts.IAccountHoldHistories, GetAccountHoldHistory>();
        services.AddScoped<Contracts.ICustomerLocales, GetCustomerLocale>();
        services.AddScoped<Contracts.IAccountOwners, AccountOwners>();
        services.AddScoped<Contracts.ICreditorDirectory, CreditorDirectory>();
        services.AddScoped<Contracts.IContactableAccounts, ListContactableAccounts>();
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
        // One route group for the module; the account, creditor and import endpoints are tagged apart for the API docs.
        var api = app.MapGroup("/api");
        var accounts = api.MapGroup("").WithTags("Accounts");
        SearchAccounts.Map(accounts);
        GetAccountDetails.Map(accounts);
        PlaceHold.Map(accounts);
        EndHold.Map(accounts);
        api.MapCreditorsAndImport();
        return app;
    }
}
