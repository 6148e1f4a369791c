using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Outreach.Channels;

/// <summary>The one sender registered for each channel.</summary>
public sealed class ChannelSenders(IEnumerable<IChannelSender> senders)
{
    public IChannelSender For(ContactChannel channel) =>
        senders.LastOrDefault(s => s.Channel == channel) ?? throw new InvalidOperationException($"No sender is registered for {channel.Name()}.");
}
