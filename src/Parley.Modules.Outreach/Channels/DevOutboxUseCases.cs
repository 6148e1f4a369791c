using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Modules.Outreach.Inbound;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Channels;

/// <summary>Where e-mails and texts go: the development outbox while no server or provider is configured.</summary>
public sealed class GetChannelSetup(IOptions<OutreachChannelOptions> options) : IUseCase<GetChannelSetupRequest, ChannelSetupView>
{
    public Task<ChannelSetupView> HandleAsync(Actor actor, GetChannelSetupRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("see where messages go", [], allowSystem: true);
        var o = options.Value;
        return Task.FromResult(new ChannelSetupView(!o.Email.Smtp.IsConfigured, !o.Sms.IsConfigured, o.Sms.Provider));
    }
}

/// <summary>The newest development-outbox messages of the creditors the actor works for; addresses masked.</summary>
public sealed class ListDevOutbox(ParleyDbContext db) : IUseCase<ListDevOutboxRequest, IReadOnlyList<DevOutboxSummary>>
{
    public async Task<IReadOnlyList<DevOutboxSummary>> HandleAsync(Actor actor, ListDevOutboxRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the development outbox", [], allowSystem: true);
        if (request.Take is < 1 or > 500)
        {
            throw new DomainException(new InboundFieldInvalid("take", "must be between 1 and 500"));
        }

        var query = db.Set<DevOutboxMessage>().AsNoTracking();
        if (actor.Creditors.Named is { } named)
        {
            var creditors = named.ToList();
            query = query.Where(m => creditors.Contains(m.CreditorId));
        }

        var rows = await query.OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Take(request.Take).ToListAsync(cancellationToken);
        return [.. rows.Select(m => new DevOutboxSummary(m.Id, m.AccountId, m.Channel, AddressMask.Mask(m.Channel, m.To), m.Subject, Preview(m.Text), m.At, m.Status.ToString()))];
    }

    private static string Preview(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 120 ? line[..119] + "…" : line;
    }
}

/// <summary>One development-outbox message whole; another creditor's answers as missing.</summary>
public sealed class GetDevOutboxMessage(ParleyDbContext db) : IUseCase<GetDevOutboxMessageRequest, DevOutboxMessageView>
{
    public async Task<DevOutboxMessageView> HandleAsync(Actor actor, GetDevOutboxMessageRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("read the development outbox", [], allowSystem: true);
        var m = await db.Set<DevOutboxMessage>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
            ?? throw new DomainException(new DevOutboxMessageNotFound(request.Id));
        actor.MustSee(m.CreditorId, new DevOutboxMessageNotFound(request.Id));
        return new DevOutboxMessageView(m.Id, m.AccountId, m.Channel, m.To, m.Subject, m.Text, m.Html, m.Headers, m.Language, m.At, m.Status.ToString());
    }
}

/// <summary>
/// "Reply as the customer": the reply goes through <see cref="ReceiveInboundMessage"/> exactly as a provider's webhook
/// would deliver it (a STOP stops texts), from the address the message went to.
/// </summary>
public sealed class ReplyToDevOutboxMessage(ParleyDbContext db, IUseCase<ReceiveInboundMessageRequest, InboundResult> receive) : IUseCase<ReplyToDevOutboxMessageRequest, InboundResult>
{
    public const string Provider = "devoutbox";

    public async Task<InboundResult> HandleAsync(Actor actor, ReplyToDevOutboxMessageRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("reply as a customer in the development outbox", [], allowSystem: true);
        var m = await db.Set<DevOutboxMessage>().SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
            ?? throw new DomainException(new DevOutboxMessageNotFound(request.Id));
        actor.MustSee(m.CreditorId, new DevOutboxMessageNotFound(request.Id));
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new DomainException(new InboundFieldInvalid("text", "is required"));
        }

        var result = await receive.HandleAsync(actor, new ReceiveInboundMessageRequest(m.Channel, m.To, request.Text, Provider, $"reply-{NewId.Next():N}"), cancellationToken);
        if (result.Handling is not (InboundHandling.UnknownSender or InboundHandling.Duplicate))
        {
            m.Status = DevOutboxStatus.Replied;
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }
}
