using Microsoft.Extensions.DependencyInjection;

namespace Parley.SharedKernel.UseCases;

public static class UseCaseRegistration
{
    /// <summary>
    /// Registers a handler as itself (for its own endpoint) and as every <see cref="IUseCase{TRequest,TResult}"/> it
    /// implements (for pages, the CLI and jobs, which know only the module's contracts). One instance per scope.
    /// </summary>
    public static IServiceCollection AddUseCase<THandler>(this IServiceCollection services)
        where THandler : class
    {
        services.AddScoped<THandler>();
        foreach (var contract in typeof(THandler).GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IUseCase<,>)))
        {
            services.AddScoped(contract, sp => sp.GetRequiredService<THandler>());
        }

        return services;
    }
}
