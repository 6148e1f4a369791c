using Microsoft.Extensions.DependencyInjection;

namespace Parley.Modules.Payments;

/// <summary>The append-only ledger, allocation waterfall, idempotent payments, reversals and provider webhooks.</summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPaymentsModule(this IServiceCollection services) => services;
}
