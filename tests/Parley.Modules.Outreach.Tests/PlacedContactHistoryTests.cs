using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Outreach.Facts;
using Shouldly;

namespace Parley.Modules.Outreach.Tests;

/// <summary>The placement file's contact words, as the contact history records them (the import itself: Accounts' PlacementContactHistoryTests).</summary>
public sealed class PlacedContactHistoryTests
{
    [Fact]
    public void Every_placed_channel_and_outcome_is_the_contact_history_value_of_the_same_name()
    {
        foreach (var channel in Enum.GetValues<PlacedContactChannel>())
        {
            PlacedContactHistory.ChannelOf(channel).ToString().ShouldBe(channel.ToString());
        }

        foreach (var outcome in Enum.GetValues<PlacedContactOutcome>())
        {
            PlacedContactHistory.OutcomeOf(outcome).ToString().ShouldBe(outcome.ToString());
        }
    }
}
