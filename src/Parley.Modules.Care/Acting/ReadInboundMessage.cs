using System.Text.Json;
using Microsoft.Extensions.Logging;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Care.Acting;

/// <summary>
/// Outbox handler for <c>outreach.message_received</c>: reads the customer's message once (the reading is unique on the
/// message id, so a re-delivery or a second node does nothing twice; messages are independent, so any order) and acts.
/// A message that keeps failing becomes, on its last attempt, a "read this message yourself" item: never dropped.
/// </summary>
public sealed partial class ReadInboundMessage(CareActions care, IUseCase<GetAccountMessagesRequest, AccountMessagesView> messages, ILogger<ReadInboundMessage> logger) : IOutboxHandler
{
    public string EventType => InboundMessageReceived.EventType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var payload = JsonDocument.Parse(message.Payload);
        var root = payload.RootElement;
        var messageId = root.GetProperty("messageId").GetGuid();
        var account = AccountId.From(root.GetProperty("accountId").GetGuid());
        if (await care.AlreadyReadAsync(messageId, cancellationToken))
        {
            return;
        }

        try
        {
            // The text stays in Outreach's encrypted store; the event carries ids only.
            var view = await messages.HandleAsync(Actor.System(CareActor.What), new GetAccountMessagesRequest(account), cancellationToken);
            var text = view.Messages.FirstOrDefault(m => m.Id == messageId)?.Text
                ?? throw new InvalidOperationException($"message {messageId} is not on account {account}");
            var source = root.TryGetProperty("channel", out var ch) && ch.ValueKind == JsonValueKind.String ? ch.GetString()! : "message";
            await care.ReadAndActAsync(account, messageId, source, text, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && (message.Attempts + 1 >= OutboxDispatcher.MaxAttempts || ex is DomainException { Error: CareTextTooLarge }))
        {
            LogGivenUp(logger, message.Id, ex.GetType().Name);
            await care.AskAPersonAsync(account, messageId, $"Care could not read this message ({ex.GetType().Name}) after {message.Attempts + 1} attempt(s): read it yourself", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Care could not read outbox message {MessageId} ({Error}); a person is asked to read it")]
    private static partial void LogGivenUp(ILogger logger, Guid messageId, string error);
}
