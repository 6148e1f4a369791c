using System.Collections.Concurrent;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Templates;
using Parley.SharedKernel;

namespace Parley.Modules.Outreach.Tests.Sending;

// replaced by the real renderer at merge
internal sealed class FixedRenderer : IMessageRenderer
{
    public Task<RenderedMessage> RenderAsync(TemplateKey key, AccountId account, Instant at, CancellationToken cancellationToken) =>
        Task.FromResult(new RenderedMessage(key, $"{key.Purpose}-{key.Channel}", 1, key.Channel == ContactChannel.Email ? "About your account" : null,
            $"{key.Purpose} for {account} ({key.Tone}). This is a communication from a debt collector. Reply STOP to opt out.", null, ["debt-collector", "electronic-opt-out"]));
}

/// <summary>
/// The external seam (an SMTP server, an SMS provider) as the tests see it: it records every hand-over and delivers a
/// key once, as the real channels do (Message-ID, client reference), answering a repeat with the first delivery's id.
/// </summary>
internal sealed class RecordingChannel(ContactChannel channel) : IChannelSender
{
    public ConcurrentQueue<OutgoingMessage> HandedOver { get; } = new();

    public ConcurrentDictionary<string, string> Delivered { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers for the next hand-overs, in turn (then "sent"): a test's provider outage.</summary>
    public ConcurrentQueue<SendOutcome> Scripted { get; } = new();

    /// <summary>Called after a delivery and before the answer: a test freezes a host here (it "dies" after the provider took the message).</summary>
    public Func<OutgoingMessage, Task>? AfterDelivery { get; set; }

    public ContactChannel Channel { get; } = channel;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        HandedOver.Enqueue(message);
        if (Scripted.TryDequeue(out var scripted) && !scripted.Accepted)
        {
            return scripted;
        }

        var id = Delivered.GetOrAdd(message.IdempotencyKey, k => $"provider-{k}");
        if (AfterDelivery is { } after)
        {
            await after(message);
        }

        return SendOutcome.Sent(id);
    }
}
