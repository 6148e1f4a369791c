using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.EarlyWarning;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Decisioning.Registry;

/// <summary>The Models page: every registered version with its card, by kind, the active one first, then the newest.</summary>
public sealed class ListModels(ParleyDbContext db) : IUseCase<ListModelsRequest, IReadOnlyList<ModelVersionDetails>>
{
    /// <summary>Compliance, supervisors and admins, as the Models page: models are global, so there is no creditor to scope by.</summary>
    public async Task<IReadOnlyList<ModelVersionDetails>> HandleAsync(Actor actor, ListModelsRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("see the registered models", [StaffRoles.Compliance, StaffRoles.Supervisor, StaffRoles.Admin]);
        var rows = await db.Set<RegisteredModel>().AsNoTracking()
            .Select(m => new { View = new RegisteredModelView(m.Kind, m.Version, m.Format, m.ContentSha256, m.TrainedAt, m.RegisteredAt, m.IsActive, m.ActivatedAt), m.CardJson, m.CardMarkdown })
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderBy(m => m.View.Kind).ThenByDescending(m => m.View.IsActive).ThenByDescending(m => m.View.RegisteredAt)
            .Select(m => new ModelVersionDetails(m.View, Read(m.CardJson), m.CardMarkdown))];
    }

    /// <summary>The card as training wrote it; null when this build cannot read it (the markdown card still shows).</summary>
    private static ModelCard? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelCard>(json, ModelCards.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
