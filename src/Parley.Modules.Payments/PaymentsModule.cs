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
}
