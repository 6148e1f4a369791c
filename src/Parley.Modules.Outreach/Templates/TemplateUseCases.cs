using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Templates;

/// <summary>Who may do what with the template library.</summary>
internal static class TemplateRoles
{
    /// <summary>Supervisors, compliance officers and admins write drafts; agents use what is approved.</summary>
    public static IReadOnlyList<string> Drafters { get; } = [StaffRoles.Supervisor, StaffRoles.Compliance, StaffRoles.Admin];

    /// <summary>Only a compliance officer approves or retires what customers are sent.</summary>
    public static IReadOnlyList<string> Approvers { get; } = [StaffRoles.Compliance];
}

/// <summary>The library, one row per key: its newest version and the version in use. Any member of staff may read it.</summary>
public sealed class ListTemplates(ParleyDbContext db) : IUseCase<ListTemplatesRequest, IReadOnlyList<TemplateSummaryView>>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/outreach/templates", async Task<Ok<IReadOnlyList<TemplateSummaryView>>> (string? purpose, string? channel, string? language, string? tone, string? status,
                ClaimsPrincipal user, ListTemplates handler, CancellationToken ct) =>
            {
                var request = new ListTemplatesRequest(
                    TemplateInput.Enum<MessagePurpose>("purpose", purpose),
                    TemplateInput.Enum<ContactChannel>("channel", channel),
                    string.IsNullOrWhiteSpace(language) ? null : language.Trim(),
                    TemplateInput.Enum<MessageTone>("tone", tone),
                    TemplateInput.Enum<TemplateStatus>("status", status));
                return TypedResults.Ok(await handler.HandleAsync(Actor.From(user), request, ct));
            })
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ListTemplates")
            .WithSummary("The template library, one row per key (purpose, channel, language, tone), filtered by any of them and by the newest version's status.");

    public async Task<IReadOnlyList<TemplateSummaryView>> HandleAsync(Actor actor, ListTemplatesRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the template library", [], allowSystem: true);
        var query = db.Set<MessageTemplate>().AsNoTracking();
        if (request.Purpose is { } purpose)
        {
            query = query.Where(t => t.Purpose == purpose);
        }

        if (request.Channel is { } channel)
        {
            query = query.Where(t => t.Channel == channel);
        }

        if (request.Language is { } language)
        {
            query = query.Where(t => t.Language == language);
        }

        if (request.Tone is { } tone)
        {
            query = query.Where(t => t.Tone == tone);
        }

        var versions = await query.ToListAsync(cancellationToken);
        return
        [
            .. versions.GroupBy(t => t.Key)
                .Select(g =>
                {
                    var latest = g.MaxBy(t => t.Version)!;
                    return new TemplateSummaryView(g.Key, latest.Name, latest.ToView(), g.SingleOrDefault(t => t.Status == TemplateStatus.Approved)?.Version);
                })
                .Where(s => request.Status is not { } status || s.Latest.Status == status || (status == TemplateStatus.Approved && s.ApprovedVersion is not null))
                .OrderBy(s => s.Key.Purpose).ThenBy(s => s.Key.Channel).ThenBy(s => s.Key.Language, StringComparer.Ordinal).ThenBy(s => s.Key.Tone),
        ];
    }
}

/// <summary>One version with every version of its key, newest first.</summary>
public sealed class GetTemplate(ParleyDbContext db) : IUseCase<GetTemplateRequest, TemplateDetails>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/outreach/templates/{id}", async Task<Ok<TemplateDetails>> (MessageTemplateId id, ClaimsPrincipal user, GetTemplate handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new GetTemplateRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("GetTemplate")
            .WithSummary("A template version with every version of its key, newest first.");

    public async Task<TemplateDetails> HandleAsync(Actor actor, GetTemplateRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the template library", [], allowSystem: true);
        var template = await db.Set<MessageTemplate>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.Template, cancellationToken)
            ?? throw new DomainException(new TemplateNotFound(request.Template));
        var versions = await TemplateQueries.OfKey(db, template.Key).AsNoTracking().OrderByDescending(t => t.Version).ToListAsync(cancellationToken);
        return new TemplateDetails(template.ToView(), [.. versions.Select(v => v.ToView())]);
    }
}

/// <summary>
/// Saves a draft for a key: the newest version is replaced while it is a draft; otherwise (approved or retired) a new
/// draft version is added and the approved one stays in use, unchanged, until the draft is approved.
/// </summary>
public sealed class SaveTemplateDraft(ParleyDbContext db, IClock clock) : IUseCase<SaveTemplateDraftRequest, TemplateVersionView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/outreach/templates/drafts", async Task<Ok<TemplateVersionView>> (SaveTemplateDraftRequest body, ClaimsPrincipal user, SaveTemplateDraft handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body, ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("SaveTemplateDraft")
            .WithSummary("Save a draft for a template key (supervisors, compliance officers, admins): the newest version while it is a draft, else a new version.");

    public async Task<TemplateVersionView> HandleAsync(Actor actor, SaveTemplateDraftRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("draft a message template", TemplateRoles.Drafters, allowSystem: true);
        TemplateInput.CheckKey(request.Key);
        var (name, subject, body) = TemplateInput.CheckTexts(request.Key, request.Name, request.Subject, request.Body);
        var now = clock.GetCurrentInstant();
        var latest = await TemplateQueries.OfKey(db, request.Key).OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is { Status: TemplateStatus.Draft })
        {
            latest.Edit(name, subject, body, actor.Name, now);
            await db.SaveChangesAsync(cancellationToken);
            return latest.ToView();
        }

        var draft = new MessageTemplate(request.Key, (latest?.Version ?? 0) + 1, name, subject, body, actor.Name, now);
        db.Add(draft);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two people saved the first draft of a new version at once; the unique version number let one in.
            throw new DomainException(new TemplateFieldInvalid("key", "was saved by someone else at the same moment; open it again and save"));
        }

        return draft.ToView();
    }
}

/// <summary>
/// Approves a draft (compliance officers only) after rendering it for the built-in demo accounts (a US and a UK
/// customer): any problem — an unknown variable, a missing disclosure — refuses it, named. The key's approved version
/// before it is retired in the same transaction.
/// </summary>
public sealed class ApproveTemplate(ParleyDbContext db, IClock clock, TemplateEngine engine, IValidationPeriods periods) : IUseCase<ApproveTemplateRequest, TemplateVersionView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/outreach/templates/{id}/approve", async Task<Ok<TemplateVersionView>> (MessageTemplateId id, ClaimsPrincipal user, ApproveTemplate handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new ApproveTemplateRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ApproveTemplate")
            .WithSummary("Approve a draft (compliance officers only); refused, naming the problem, when rendering it for the demo accounts fails.");

    public async Task<TemplateVersionView> HandleAsync(Actor actor, ApproveTemplateRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("approve a message template", TemplateRoles.Approvers, allowSystem: true);
        var template = await db.Set<MessageTemplate>().SingleOrDefaultAsync(t => t.Id == request.Template, cancellationToken)
            ?? throw new DomainException(new TemplateNotFound(request.Template));
        if (template.Status != TemplateStatus.Draft)
        {
            throw new DomainException(new TemplateNotADraft(template.Id, template.Version, template.Status));
        }

        var now = clock.GetCurrentInstant();
        var problems = await TemplateChecks.ProblemsAsync(engine, periods, template.Key, template.Subject, template.Body, now, cancellationToken);
        if (problems.Count > 0)
        {
            throw new DomainException(new TemplateCheckFailed(problems));
        }

        // Retire first, then approve: at no moment do two approved versions of the key exist (the unique index holds it).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var previous = await TemplateQueries.OfKey(db, template.Key).Where(t => t.Status == TemplateStatus.Approved).ToListAsync(cancellationToken);
        foreach (var old in previous)
        {
            old.Retire(actor.Name, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        template.Approve(actor.Name, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return template.ToView();
    }
}

/// <summary>Retires a version (compliance officers only): an approved one stops being sent, a draft is set aside.</summary>
public sealed class RetireTemplate(ParleyDbContext db, IClock clock) : IUseCase<RetireTemplateRequest, TemplateVersionView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/outreach/templates/{id}/retire", async Task<Ok<TemplateVersionView>> (MessageTemplateId id, ClaimsPrincipal user, RetireTemplate handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new RetireTemplateRequest(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("RetireTemplate")
            .WithSummary("Retire a template version (compliance officers only); a retired approved version is no longer sent.");

    public async Task<TemplateVersionView> HandleAsync(Actor actor, RetireTemplateRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("retire a message template", TemplateRoles.Approvers, allowSystem: true);
        var template = await db.Set<MessageTemplate>().SingleOrDefaultAsync(t => t.Id == request.Template, cancellationToken)
            ?? throw new DomainException(new TemplateNotFound(request.Template));
        template.Retire(actor.Name, clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        return template.ToView();
    }
}

/// <summary>
/// Renders Liquid source without saving it — for an account the actor may see, or the built-in demo account — with the
/// disclosures it carries and lacks, its problems in plain words, the reading grade, and for texts the SMS parts.
/// </summary>
public sealed class PreviewTemplate(IClock clock, TemplateEngine engine, MessageFactsReader facts, Accounts.Contracts.IAccountOwners owners, IValidationPeriods periods)
    : IUseCase<PreviewTemplateRequest, TemplatePreview>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/outreach/templates/preview", async Task<Ok<TemplatePreview>> (PreviewTemplateRequest body, ClaimsPrincipal user, PreviewTemplate handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body, ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("PreviewTemplate")
            .WithSummary("Render Liquid source for a key against an account you may see or the demo account: the message, its disclosures, problems and reading grade.");

    public async Task<TemplatePreview> HandleAsync(Actor actor, PreviewTemplateRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("preview a message template", [], allowSystem: true);
        TemplateInput.CheckKey(request.Key);
        if (request.Body is null || request.Body.Length > TemplateLimits.BodyLength)
        {
            throw new DomainException(new TemplateFieldInvalid("body", $"is required (up to {TemplateLimits.BodyLength} characters)"));
        }

        var now = clock.GetCurrentInstant();
        MessageFacts accountFacts;
        string shown;
        if (request.Account is { } account)
        {
            var owner = await owners.GetAsync(account, cancellationToken) ?? throw new DomainException(new UseCases.OutreachAccountNotFound(account));
            actor.MustSee(owner.CreditorId, new UseCases.OutreachAccountNotFound(account));
            accountFacts = await facts.ReadAsync(account, now, cancellationToken) ?? throw new DomainException(new UseCases.OutreachAccountNotFound(account));
            shown = accountFacts.Reference;
        }
        else
        {
            var today = now.InUtc().Date;
            accountFacts = DemoMessageAccounts.UnitedStates(request.Key.Language, today, periods.EndFor(today));
            shown = $"the demo account ({accountFacts.FirstName}, {accountFacts.JurisdictionName})";
        }

        var outcome = await engine.RenderAsync(request.Key, request.Subject, request.Body, accountFacts, cancellationToken);
        return new TemplatePreview(
            outcome.Subject,
            outcome.Text,
            outcome.Html,
            outcome.Disclosures,
            outcome.Required,
            outcome.Problems,
            ReadingGrades.Of(outcome.AuthoredText, request.Key.Language),
            request.Key.Channel == ContactChannel.Sms ? SmsSegments.Count(outcome.Text) : null,
            shown);
    }
}

/// <summary>The approval check: render for a US and a UK demo customer and collect every problem.</summary>
internal static class TemplateChecks
{
    public static async Task<IReadOnlyList<string>> ProblemsAsync(TemplateEngine engine, IValidationPeriods periods, TemplateKey key, string? subject, string body, Instant now, CancellationToken cancellationToken)
    {
        var today = now.InUtc().Date;
        var problems = new List<string>();
        foreach (var demo in new[] { DemoMessageAccounts.UnitedStates(key.Language, today, periods.EndFor(today)), DemoMessageAccounts.UnitedKingdom(key.Language, today, periods.EndFor(today)) })
        {
            var outcome = await engine.RenderAsync(key, subject, body, demo, cancellationToken);
            problems.AddRange(outcome.Problems.Where(p => !problems.Contains(p)));
        }

        return problems;
    }
}
