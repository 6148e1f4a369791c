using System.Net;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Channels.ChannelTestHost;

namespace Parley.Modules.Outreach.Tests.Channels;

/// <summary>RFC 8058 one-click unsubscribe over HTTP: the POST records the opt-out at once; a GET (a mail scanner) never does.</summary>
public sealed class UnsubscribeTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Outreach:Email:UnsubscribeSecret"] = UnsubscribeSecret,
        ["Outreach:PublicBaseUrl"] = "https://collect.example.com",
    };

    [Theory]
    [DatabaseProviders]
    public async Task The_one_click_post_opts_the_customer_out_of_email_and_a_get_does_not(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: Settings);
        var account = await SeedAsync(factory.Database);
        await SendAsync(factory.Services, Email(account));
        var headers = (await AllAsync<DevOutboxMessage>(factory.Database)).ShouldHaveSingleItem().Headers;
        var link = headers.Split('\n').Single(h => h.StartsWith("List-Unsubscribe: ", StringComparison.Ordinal))["List-Unsubscribe: <https://collect.example.com".Length..].TrimEnd('>');
        var client = factory.CreateClient();

        var page = await client.GetAsync(link);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("<button type=\"submit\">Stop e-mails</button>");
        (await PreferencesAsync(factory, account)).Channels.ShouldBeEmpty();

        using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var posted = await client.PostAsync(link, oneClick);

        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var email = (await PreferencesAsync(factory, account)).Channels.ShouldHaveSingleItem();
        (email.Channel, email.Consent).ShouldBe((ContactChannel.Email, ChannelConsent.OptedOut));
        var history = await RunAsync<GetContactPreferencesRequest, ContactPreferencesView>(factory.Database, Staff.Agent, new GetContactPreferencesRequest(account));
        history.History.ShouldHaveSingleItem().ChangedBy.ShouldBe("system:unsubscribe");

        // Twice is harmless: nothing changes again.
        (await client.PostAsync(link, null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RunAsync<GetContactPreferencesRequest, ContactPreferencesView>(factory.Database, Staff.Agent, new GetContactPreferencesRequest(account))).History.Count.ShouldBe(1);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_forged_or_altered_token_is_a_404_and_changes_nothing(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: Settings);
        var account = await SeedAsync(factory.Database);
        await SendAsync(factory.Services, Email(account));
        var client = factory.CreateClient();

        // Right account and channel, MAC made with another secret.
        var forged = new UnsubscribeTokens(Microsoft.Extensions.Options.Options.Create(new OutreachChannelOptions { Email = { UnsubscribeSecret = "guessed" } }))
            .Create(account, ContactChannel.Email, OutreachTestData.Email);
        foreach (var token in new[] { forged, "not-a-token", new string('A', 66), "..%2F..%2Fapi" })
        {
            var response = await client.PostAsync($"/outreach/unsubscribe/{token}", null);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, token);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }

        (await PreferencesAsync(factory, account)).Channels.ShouldBeEmpty();
    }

    private static async Task<ContactPreferences> PreferencesAsync(ParleyWebFactory factory, Parley.SharedKernel.AccountId account) =>
        (await RunAsync<GetContactPreferencesRequest, ContactPreferencesView>(factory.Database, Staff.Agent, new GetContactPreferencesRequest(account))).Preferences;
}
