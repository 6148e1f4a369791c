namespace Parley.Web.Ui.Shared;

/// <summary>
/// Interactive circuits live for minutes, so pages never hold a DbContext: each call to a module handler gets its
/// own scope, like one HTTP request.
/// </summary>
public static class ScopedHandlers
{
    public static async Task<TResult> CallAsync<THandler, TResult>(this IServiceScopeFactory scopes, Func<THandler, Task<TResult>> call)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<THandler>());
    }
}
