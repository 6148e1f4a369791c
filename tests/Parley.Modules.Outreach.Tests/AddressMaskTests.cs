using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Domain;
using Shouldly;

namespace Parley.Modules.Outreach.Tests;

public sealed class AddressMaskTests
{
    [Theory]
    [InlineData(ContactChannel.Email, "jane.doe@example.com", "j***@example.com")]
    [InlineData(ContactChannel.Call, "+14155550142", "+1 *** *** 0142")]
    [InlineData(ContactChannel.Sms, "+447700900123", "+44 *** *** 0123")]
    [InlineData(ContactChannel.Letter, "1 Main St, Springfield 01101", "*** Springfield 01101")]
    [InlineData(ContactChannel.Letter, "Flat 2", "***")]
    public void Every_view_shows_enough_to_tell_addresses_apart_and_not_enough_to_use_them(ContactChannel channel, string address, string masked) =>
        AddressMask.Mask(channel, address).ShouldBe(masked);
}
