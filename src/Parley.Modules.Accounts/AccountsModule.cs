using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Import;

namespace Parley.Modules.Accounts;

/// <summary>Creditors, customers, contact points, accounts, statement history, holds and placement import.</summary>
public static class AccountsModule
{
    public static IServiceCollection AddAccountsModule(this IServiceCollection services) => services
        .AddCreditorsAndImport();
}
