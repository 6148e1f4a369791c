using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Decisioning.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Decisioning.Registry;

/// <summary><c>parley model activate --version &lt;v&gt;</c>: makes a version the one active model of its kind (one save, so never two or none).</summary>
public sealed class ActivateModel(ParleyDbContext db, IClock clock) : IUseCase<ActivateModelRequest, RegisteredModelView>
{
    /// <summary>An admin who works for every creditor, or Parley itself (<see cref="RegisterModel.MustGovernModels"/>).</summary>
    public async Task<RegisteredModelView> HandleAsync(Actor actor, ActivateModelRequest request, CancellationToken cancellationToken)
    {
        RegisterModel.MustGovernModels(actor, "activate a model");
        var target = await db.Set<RegisteredModel>().SingleOrDefaultAsync(m => m.Version == request.Version, cancellationToken)
            ?? throw new DomainException(new UnknownModelVersion(request.Version));
        var active = await db.Set<RegisteredModel>().Where(m => m.Kind == target.Kind && m.IsActive && m.Id != target.Id).ToListAsync(cancellationToken);
        foreach (var other in active)
        {
            other.Deactivate();
        }

        if (!target.IsActive)
        {
            target.Activate(clock.GetCurrentInstant());
        }

        await db.SaveChangesAsync(cancellationToken);
        return target.View();
    }
}
