using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Payments.Balances;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Ledger;
using Parley.Modules.Payments.Placements;
using Parley.Modules.Payments.Webhooks;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Payments;

/// <summary>The append-only ledger, allocation waterfall, idempotent payments, reversals and provider webhooks.</summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPaymentsModule(this IServiceCollection services)
    {
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section);
        services.AddScoped<ILedgerPlacements, LedgerPlacements>();
        services.AddScoped<IBalanceQueries, BalanceQueries>();
        services.AddUseCase<GetPaymentsSummary>();
        services.AddScoped<ILedgerPaymentHistory, LedgerPaymentHistory>();
        services.AddScoped<LedgerWriter>();
        services.AddScoped<PostAccrual>();
        services.AddUseCase<AccrueInterestAndFees>();
        services.AddUseCase<RecordPayment>();
        services.AddUseCase<ReverseEntry>();
        services.AddUseCase<ReadLedger>();
        return services;
    }

    /// <summary>
    /// The settings (<c>Payments:Providers:&lt;name&gt;:WebhookSecret</c>) that hold the development-only secret committed in
    /// <c>appsettings.Development.json</c>, for a host outside Development to refuse.
    /// </summary>
    public static IReadOnlyList<string> SettingsWithDevelopmentSecret(IConfiguration configuration) =>
        [.. (configuration.GetSection(PaymentsOptions.Section).Get<PaymentsOptions>() ?? new PaymentsOptions())
            .ProvidersWithDevelopmentSecret()
            .Select(p => $"{PaymentsOptions.Section}:Providers:{p}:WebhookSecret")];
}
