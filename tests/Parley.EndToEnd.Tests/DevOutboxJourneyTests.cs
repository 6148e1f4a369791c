using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.EndToEnd.Tests;

/// <summary>With nothing configured, e-mails and texts stop in the development outbox: a person opens one and replies STOP as the customer.</summary>
public sealed class DevOutboxJourneyTests
{
    [Fact]
    public async Task Staff_open_a_text_in_the_dev_outbox_reply_STOP_as_the_customer_and_texts_stop()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("outbox.csv", $"{PlacementCsv.Header}\r\n{PlacementCsv.AdaLovelace}\r\n")).RowsAccepted.ShouldBe(1L);
        var account = await AccountIdAsync(staff.Factory.Services, "ACC-1001");
        await SendAsync(staff.Factory.Services, new OutgoingMessage("demo-email-1", account, ContactChannel.Email, "ada@example.org", "Your Acme balance",
            "Hello Ada,\nYour balance is USD 1,950.25.", "<p>Hello Ada,</p><p>Your balance is <b>USD 1,950.25</b>.</p>", "en"));
        await SendAsync(staff.Factory.Services, new OutgoingMessage("demo-sms-1", account, ContactChannel.Sms, "+16172530142", null,
            "Acme: USD 1,950.25 is due. Reply STOP to stop texts.", null, "en"));

        await staff.WalkAsync("dev-outbox", async page =>
        {
            await staff.SignInAtAsync("/outreach/dev-outbox");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Outbox (development)" })).ToBeVisibleAsync();
            var outbox = page.GetByTestId("dev-outbox");
            await Assertions.Expect(outbox).ToHaveAttributeAsync("data-interactive", "true");
            await Assertions.Expect(outbox.GetByTestId("dev-outbox-message")).ToHaveCountAsync(2);

            // The e-mail, rendered in a frame that runs nothing, with the headers it would carry.
            await outbox.GetByTestId("dev-outbox-message").Filter(new() { HasText = "Your Acme balance" }).GetByTestId("open-message").ClickAsync();
            var open = page.GetByTestId("dev-outbox-open");
            await Assertions.Expect(open.GetByTestId("message-html")).ToHaveAttributeAsync("sandbox", "");
            await Assertions.Expect(page.FrameLocator("[data-testid=message-html]").Locator("b")).ToHaveTextAsync("USD 1,950.25");
            await Assertions.Expect(open.GetByTestId("message-headers")).ToContainTextAsync("Message-Id: <");

            // The text; the customer answers STOP.
            await outbox.GetByTestId("dev-outbox-message").Filter(new() { HasText = "Reply STOP" }).GetByTestId("open-message").ClickAsync();
            await Assertions.Expect(open.GetByTestId("message-text")).ToContainTextAsync("Reply STOP to stop texts.");
            await Assertions.Expect(open.GetByTestId("message-headers")).ToContainTextAsync("To: +16172530142");
            await open.GetByLabel("The customer's reply").FillAsync("STOP");
            await open.GetByTestId("send-reply").ClickAsync();
            await Assertions.Expect(open.GetByTestId("reply-result")).ToContainTextAsync("they are stopped, and one confirmation text was sent");
            await Assertions.Expect(outbox.GetByTestId("dev-outbox-message")).ToHaveCountAsync(3);
            await Assertions.Expect(outbox.GetByTestId("dev-outbox-message").First).ToContainTextAsync("You will get no more texts from us.");
            await staff.ScreenshotAsync("dev-outbox.png", fullPage: true);
        });

        await using var scope = staff.Factory.Services.CreateAsyncScope();
        var preferences = await scope.ServiceProvider.GetRequiredService<IUseCase<GetContactPreferencesRequest, ContactPreferencesView>>()
            .HandleAsync(Actor.System("test"), new GetContactPreferencesRequest(account), CancellationToken.None);
        preferences.Preferences.Channels.ShouldHaveSingleItem().Consent.ShouldBe(ChannelConsent.OptedOut);
    }

    private static async Task SendAsync(IServiceProvider services, OutgoingMessage message)
    {
        await using var scope = services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ChannelSenders>().For(message.Channel).SendAsync(message, CancellationToken.None)).Accepted.ShouldBeTrue();
    }

    private static async Task<AccountId> AccountIdAsync(IServiceProvider services, string accountRef)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == accountRef)).Id;
    }
}
