using System.Net;
using System.Text;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Inbound;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.Webhooks;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Channels.ChannelTestHost;

namespace Parley.Modules.Outreach.Tests.Inbound;

/// <summary>Inbound e-mail over its signed webhook: replies cut to their new part, hard bounces mark the address undeliverable.</summary>
public sealed class EmailInboundTests
{
    private const string Secret = "whsec_email_tests";
    private static readonly Dictionary<string, string?> Settings = new() { ["Outreach:Email:InboundWebhookSecret"] = Secret };

    [Theory]
    [DatabaseProviders]
    public async Task A_reply_is_stored_without_the_quoted_thread_or_signature(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: Settings);
        var account = await SeedAsync(factory.Database);
        var sent = await SendAsync(factory.Services, Email(account));
        var text = "I dispute this debt.\nPlease send proof.\n\n-- \nJane\n\nOn Mon, 7 Dec 2026 at 09:00, ACME <accounts@collect.example.com> wrote:\n> Your balance is $120.";
        var json = JsonText(new { id = "<reply-1@mail.example.com>", from = "Jane.Doe@Example.com", to = "replies@collect.example.com", subject = "Re: Your ACME balance", text, in_reply_to = $"<{sent.ProviderMessageId}>" });

        var response = await PostSignedAsync(factory, "/api/outreach/email/inbound", json);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var message = (await RunAsync<GetAccountMessagesRequest, AccountMessagesView>(factory.Database, Staff.Agent, new GetAccountMessagesRequest(account))).Messages.ShouldHaveSingleItem();
        (message.Channel, message.Text).ShouldBe((ContactChannel.Email, "I dispute this debt.\nPlease send proof."));
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_hard_bounce_records_bounced_on_the_contact_and_the_gate_passes_over_the_address(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: Settings);
        var account = await SeedAsync(factory.Database);
        await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(factory.Database, Actor.System("test-sender"),
            new RecordContactAttemptRequest(account, ContactChannel.Email, OutreachTestData.Email, "send-1"));
        var sent = await SendAsync(factory.Services, Email(account, key: "send-1"));
        (await DecisionAsync(factory, account)).To.ShouldNotBeNull();

        var transient = JsonText(new { id = "<dsn-0@mx>", from = "mailer-daemon@mx.example.com", in_reply_to = $"<{sent.ProviderMessageId}>", dsn = new { recipient = $"rfc822; {OutreachTestData.Email}", action = "delayed", status = "4.2.2" } });
        (await (await PostSignedAsync(factory, "/api/outreach/email/inbound", transient)).Content.ReadAsStringAsync()).ShouldContain("ignored");

        var hard = JsonText(new { id = "<dsn-1@mx>", from = "mailer-daemon@mx.example.com", in_reply_to = $"<{sent.ProviderMessageId}>", dsn = new { recipient = $"rfc822; {OutreachTestData.Email}", action = "failed", status = "5.1.1", diagnostic = $"smtp; 550 5.1.1 <{OutreachTestData.Email}>: user unknown" } });
        var response = await PostSignedAsync(factory, "/api/outreach/email/inbound", hard);

        (await response.Content.ReadAsStringAsync()).ShouldContain("bounced");
        var attempt = (await RunAsync<GetContactHistoryRequest, ContactHistoryView>(factory.Database, Staff.Agent, new GetContactHistoryRequest(account))).Attempts.ShouldHaveSingleItem();
        attempt.LatestOutcome.ShouldBe(ContactOutcome.Bounced);
        attempt.Outcomes.Single().Note.ShouldNotBeNull().ShouldNotContain(OutreachTestData.Email);
        var invalid = (await AllAsync<InvalidAddress>(factory.Database)).ShouldHaveSingleItem();
        invalid.Reason.ShouldStartWith("5.1.1");

        var decision = await DecisionAsync(factory, account);
        decision.To.ShouldBeNull();
        decision.Allowed.ShouldBeFalse();

        // A redelivered bounce changes nothing more.
        await PostSignedAsync(factory, "/api/outreach/email/inbound", hard);
        (await AllAsync<InvalidAddress>(factory.Database)).Count.ShouldBe(1);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_forged_inbound_email_is_a_401_and_junk_a_400(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: Settings);
        var account = await SeedAsync(factory.Database);
        await SendAsync(factory.Services, Email(account));
        var json = JsonText(new { id = "<x@y>", from = OutreachTestData.Email, text = "hello" });

        (await PostSignedAsync(factory, "/api/outreach/email/inbound", json, secret: "guessed")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostSignedAsync(factory, "/api/outreach/email/inbound", "[1,2")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostSignedAsync(factory, "/api/outreach/email/inbound", JsonText(new { id = "<x@y>", from = "nobody", text = "hi" }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AllAsync<OutreachMessage>(factory.Database)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Thanks, I will pay Friday.\n\nSent from my iPhone", "Thanks, I will pay Friday.")]
    [InlineData("Pagaré el viernes.\n\nEl lun, 7 dic 2026 a las 9:00, ACME escribió:\n> Su saldo", "Pagaré el viernes.")]
    [InlineData("Call me\n-----Original Message-----\nFrom: ACME", "Call me")]
    [InlineData("> only a quote", "")]
    [InlineData("No quote at all\nsecond line", "No quote at all\nsecond line")]
    public void The_new_part_of_a_reply_is_what_is_above_the_quote_and_signature(string text, string expected) =>
        QuotedText.NewPart(text).ShouldBe(expected);

    private static async Task<ChannelDecision> DecisionAsync(ParleyWebFactory factory, Parley.SharedKernel.AccountId account) =>
        (await RunAsync<CheckContactEligibilityRequest, ContactCheck>(factory.Database, Staff.Agent, new CheckContactEligibilityRequest(account, Channel: ContactChannel.Email))).Channels.ShouldHaveSingleItem();

    private static string JsonText(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static async Task<HttpResponseMessage> PostSignedAsync(ParleyWebFactory factory, string path, string json, string secret = Secret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(secret, factory.Time.GetUtcNow().ToUnixTimeSeconds(), body));
        return await factory.CreateClient().SendAsync(request);
    }
}
