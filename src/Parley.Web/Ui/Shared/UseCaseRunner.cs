using Microsoft.AspNetCore.Components.Authorization;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Web.Ui.Shared;

/// <summary>
/// How a page runs a use case: as the signed-in person, through the same guarded handler as the endpoint, known to
/// the page only by its contract. Interactive circuits live for minutes, so each call gets its own scope (and its own
/// DbContext), like one HTTP request.
/// </summary>
public static class UseCaseRunner
{
    public static async Task<TResult> RunAsync<TRequest, TResult>(this IServiceScopeFactory scopes, Actor actor, TRequest request, CancellationToken cancellationToken = default)
        where TRequest : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<TRequest, TResult>>().HandleAsync(actor, request, cancellationToken);
    }

    /// <summary>The person the page acts for.</summary>
    public static async Task<Actor> ActorAsync(this Task<AuthenticationState> authenticationState) => Actor.From((await authenticationState).User);
}
