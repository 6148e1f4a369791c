using Microsoft.Extensions.DependencyInjection;

namespace Parley.Modules.Accounts;

/// <summary>Creditors, customers, contact points, accounts, statement history, holds and placement import.</summary>
public static class AccountsModule
{
    public static IServiceCollection AddAccountsModule(this IServiceCollection services) => services;
}
