using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// Installs the default library, approved, when the library is empty, so a fresh install can send. Idempotent: a
/// library with any template is left alone. Safe on two nodes starting at once: both insert version 1 of the same
/// keys, the unique index lets one commit, and the other finds the library installed.
/// </summary>
public sealed class InstallDefaultTemplates(ParleyDbContext db, IClock clock) : IUseCase<InstallDefaultTemplatesRequest, int>
{
    public const string Approver = "Parley (default library)";

    public async Task<int> HandleAsync(Actor actor, InstallDefaultTemplatesRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("install the default template library", [StaffRoles.Admin], allowSystem: true);
        if (await db.Set<MessageTemplate>().AnyAsync(cancellationToken))
        {
            return 0;
        }

        var now = clock.GetCurrentInstant();
        var templates = DefaultLibrary.All.Select(e =>
        {
            var template = new MessageTemplate(e.Key, 1, e.Name, e.Subject, e.Body, Approver, now);
            template.Approve(Approver, now);
            return template;
        }).ToList();
        db.AddRange(templates);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node installed it first.
            db.ChangeTracker.Clear();
            return 0;
        }

        return templates.Count;
    }
}
