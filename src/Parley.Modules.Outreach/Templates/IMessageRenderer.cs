using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// A message rendered from an approved template for one account, with the locked disclosures it carries (by id, e.g.
/// <c>debt-collector</c>, <c>electronic-opt-out</c>, <c>validation-notice</c>). <paramref name="Html"/> is null for
/// SMS; <paramref name="Subject"/> is null for SMS and letters.
/// </summary>
public sealed record RenderedMessage(TemplateKey Key, string TemplateName, int TemplateVersion, string? Subject, string Text, string? Html, IReadOnlyList<string> Disclosures);

/// <summary>
/// Renders the approved template for <c>key</c> for an account at an instant. Refuses (a <see cref="DomainException"/>)
/// when no version is approved, a variable is unknown, or the rendered message lacks a disclosure its channel and the
/// account's jurisdiction require: a message that fails the check is never handed to a channel.
/// </summary>
public interface IMessageRenderer
{
    Task<RenderedMessage> RenderAsync(TemplateKey key, AccountId account, Instant at, CancellationToken cancellationToken);
}

/// <summary>One message of a batch render: the message, or the error that refused it; with what the account's message was rendered from (null when it has gone).</summary>
public sealed record BatchRendered(RenderedMessage? Message, DomainError? Error, MessageAccount? Account);

/// <summary>A renderer that renders a sender's batch with each template and account read once (the same checks, one message at a time).</summary>
public interface IBatchMessageRenderer : IMessageRenderer
{
    Task<IReadOnlyList<BatchRendered>> RenderManyAsync(IReadOnlyList<(TemplateKey Key, AccountId Account)> items, Instant at, CancellationToken cancellationToken);
}
