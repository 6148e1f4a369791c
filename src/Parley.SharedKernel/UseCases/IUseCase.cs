using Parley.SharedKernel.Security;

namespace Parley.SharedKernel.UseCases;

/// <summary>
/// One thing a person or Parley does, behind every front door: the endpoint, the page, the CLI and jobs all call
/// it with the acting <see cref="Actor"/>, and the use case itself checks the actor's role and creditor scope.
/// The request and result records live in the module's Contracts; the handler stays inside the module.
/// </summary>
public interface IUseCase<in TRequest, TResult>
    where TRequest : notnull
{
    Task<TResult> HandleAsync(Actor actor, TRequest request, CancellationToken cancellationToken);
}
