using System.Net;
using System.Text;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Inbound;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.Webhooks;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Channels.ChannelTestHost;

namespace Parley.Modules.Outreach.Tests.Channels;

/// <summary>The SMS channel against a provider on loopback, and the provider's signed webhooks over HTTP.</summary>
public sealed class SmsChannelTests
{
    private const string WebhookSecret = "whsec_sms_tests";

    private static Dictionary<string, string?> Settings(FakeSmsProvider sms) => new()
    {
        ["Outreach:Sms:Provider"] = "sandbox",
        ["Outreach:Sms:BaseUrl"] = sms.BaseUrl,
        ["Outreach:Sms:ApiKey"] = "sk_test_123",
        ["Outreach:Sms:WebhookSecret"] = WebhookSecret,
        ["Outreach:Sms:From"] = "+12155550100",
        ["Outreach:Sms:TimeoutSeconds"] = "1",
    };

    private static Task<TestDatabase> WithProviderAsync(FakeSmsProvider sms) =>
        CreateAsync(DatabaseProvider.Sqlite, o =>
        {
            o.Sms.BaseUrl = sms.BaseUrl;
            o.Sms.ApiKey = "sk_test_123";
            o.Sms.TimeoutSeconds = 1;
        });

    [Fact]
    public async Task A_text_goes_to_the_provider_with_the_key_as_client_reference_once()
    {
        await using var sms = await FakeSmsProvider.StartAsync();
        await using var database = await WithProviderAsync(sms);
        var account = await SeedAsync(database);

        var first = await SendAsync(database, Sms(account, key: "sms-7"));
        var again = await SendAsync(database, Sms(account, key: "sms-7"));

        first.ShouldBe(SendOutcome.Sent("SBX1"));
        again.ShouldBe(first);
        var (body, authorization) = sms.Received.ShouldHaveSingleItem();
        body.GetProperty("to").GetString().ShouldBe(OutreachTestData.Phone);
        body.GetProperty("from").GetString().ShouldBe("+12155550100");
        body.GetProperty("client_reference").GetString().ShouldBe("sms-7");
        body.GetProperty("text").GetString().ShouldNotBeNull().ShouldContain("Reply STOP");
        authorization.ShouldBe("Bearer sk_test_123");
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public async Task A_5xx_means_try_later_and_a_4xx_is_a_refusal(HttpStatusCode status, bool retryable)
    {
        await using var sms = await FakeSmsProvider.StartAsync();
        await using var database = await WithProviderAsync(sms);
        var account = await SeedAsync(database);
        sms.Answer = status;

        var outcome = await SendAsync(database, Sms(account));

        (outcome.Accepted, outcome.Retryable).ShouldBe((false, retryable));
        outcome.Error.ShouldNotBeNull().ShouldContain(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_provider_that_times_out_or_is_down_means_try_later()
    {
        await using var sms = await FakeSmsProvider.StartAsync();
        await using var database = await WithProviderAsync(sms);
        var account = await SeedAsync(database);
        sms.Delay = TimeSpan.FromSeconds(5);

        var slow = await SendAsync(database, Sms(account, key: "slow"));

        (slow.Accepted, slow.Retryable).ShouldBe((false, true));
        slow.Error.ShouldNotBeNull().ShouldContain("timed out");

        await sms.DisposeAsync();
        var down = await SendAsync(database, Sms(account, key: "down"));
        (down.Accepted, down.Retryable).ShouldBe((false, true));
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_signed_delivery_report_becomes_the_contacts_outcome(DatabaseProvider provider)
    {
        await using var sms = await FakeSmsProvider.StartAsync();
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: Settings(sms));
        var account = await SeedAsync(factory.Database);
        var attempt = await RunAsync<RecordContactAttemptRequest, ContactAttemptView>(factory.Database, Actor.System("test-sender"),
            new RecordContactAttemptRequest(account, ContactChannel.Sms, OutreachTestData.Phone, "sms-1"));
        var sent = await SendAsync(factory.Services, Sms(account, key: "sms-1"));
        var client = factory.CreateClient();

        var response = await PostSignedAsync(factory, client, "/api/outreach/sms/webhooks/sandbox", $$"""{"id":"{{sent.ProviderMessageId}}","status":"delivered"}""");
        var repeat = await PostSignedAsync(factory, client, "/api/outreach/sms/webhooks/sandbox", $$"""{"id":"{{sent.ProviderMessageId}}","status":"delivered"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("recorded");
        (await repeat.Content.ReadAsStringAsync()).ShouldContain("duplicate");
        var history = await RunAsync<GetContactHistoryRequest, ContactHistoryView>(factory.Database, Staff.Agent, new GetContactHistoryRequest(account));
        var recorded = history.Attempts.ShouldHaveSingleItem();
        recorded.Id.ShouldBe(attempt.Id);
        recorded.LatestOutcome.ShouldBe(ContactOutcome.Delivered);
        recorded.Outcomes.ShouldHaveSingleItem().RecordedBy.ShouldBe("system:webhook:sandbox");

        // Found by our own key too (the client reference), as a failure.
        (await PostSignedAsync(factory, client, "/api/outreach/sms/webhooks/sandbox", """{"client_reference":"sms-1","status":"failed","error":"carrier rejected"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RunAsync<GetContactHistoryRequest, ContactHistoryView>(factory.Database, Staff.Agent, new GetContactHistoryRequest(account))).Attempts.Single().LatestOutcome.ShouldBe(ContactOutcome.Failed);
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_inbound_STOP_opts_the_number_out_at_once_and_confirms_through_the_provider(DatabaseProvider provider)
    {
        await using var sms = await FakeSmsProvider.StartAsync();
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: Settings(sms));
        var account = await SeedAsync(factory.Database);
        await SendAsync(factory.Services, Sms(account));
        var client = factory.CreateClient();

        var response = await PostSignedAsync(factory, client, "/api/outreach/sms/inbound/sandbox", $$"""{"id":"IN-1","from":"{{OutreachTestData.Phone}}","to":"+12155550100","text":"Parar"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("optedout");
        var preferences = await RunAsync<GetContactPreferencesRequest, ContactPreferencesView>(factory.Database, Staff.Agent, new GetContactPreferencesRequest(account));
        preferences.Preferences.Channels.ShouldHaveSingleItem().Consent.ShouldBe(ChannelConsent.OptedOut);
        sms.Received.Count.ShouldBe(2);
        sms.Received.Last().Body.GetProperty("text").GetString().ShouldNotBeNull().ShouldContain("no more texts");
        sms.Received.Last().Body.GetProperty("client_reference").GetString().ShouldBe("keyword-reply:sandbox:IN-1");

        // The provider redelivers: nothing twice.
        (await (await PostSignedAsync(factory, client, "/api/outreach/sms/inbound/sandbox", $$"""{"id":"IN-1","from":"{{OutreachTestData.Phone}}","text":"Parar"}""")).Content.ReadAsStringAsync()).ShouldContain("duplicate");
        sms.Received.Count.ShouldBe(2);
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_inbound_text_in_words_is_stored_and_raised_and_an_unknown_number_learns_nothing(DatabaseProvider provider)
    {
        await using var sms = await FakeSmsProvider.StartAsync();
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: Settings(sms));
        var account = await SeedAsync(factory.Database);
        await SendAsync(factory.Services, Sms(account));
        var client = factory.CreateClient();

        var known = await PostSignedAsync(factory, client, "/api/outreach/sms/inbound/sandbox", $$"""{"id":"IN-2","from":"{{OutreachTestData.Phone}}","text":"I can pay $50 on Friday"}""");
        var unknown = await PostSignedAsync(factory, client, "/api/outreach/sms/inbound/sandbox", """{"id":"IN-3","from":"+14155550199","text":"who is this?"}""");

        (await known.Content.ReadAsStringAsync()).ShouldBe("""{"outcome":"stored"}""");
        (await unknown.Content.ReadAsStringAsync()).ShouldBe("""{"outcome":"stored"}""");
        var messages = await RunAsync<GetAccountMessagesRequest, AccountMessagesView>(factory.Database, Staff.Agent, new GetAccountMessagesRequest(account));
        messages.Messages.ShouldHaveSingleItem().Text.ShouldBe("I can pay $50 on Friday");
        (await AllAsync<OutboxMessage>(factory.Database)).Count(m => m.Type == InboundMessageReceived.EventType).ShouldBe(1);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_forged_or_replayed_webhook_is_a_401_and_junk_is_a_400_with_nothing_recorded(DatabaseProvider provider)
    {
        await using var sms = await FakeSmsProvider.StartAsync();
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: Settings(sms));
        var account = await SeedAsync(factory.Database);
        await SendAsync(factory.Services, Sms(account));
        var client = factory.CreateClient();
        var stop = $$"""{"id":"IN-9","from":"{{OutreachTestData.Phone}}","text":"STOP"}""";

        var forged = await PostSignedAsync(factory, client, "/api/outreach/sms/inbound/sandbox", stop, secret: "guessed");
        var replayed = await PostSignedAsync(factory, client, "/api/outreach/sms/inbound/sandbox", stop, age: TimeSpan.FromMinutes(10));
        using var unsigned = new StringContent(stop, Encoding.UTF8, "application/json");
        var missing = await client.PostAsync("/api/outreach/sms/inbound/sandbox", unsigned);
        var otherProvider = await PostSignedAsync(factory, client, "/api/outreach/sms/inbound/acme", stop);
        var junk = await PostSignedAsync(factory, client, "/api/outreach/sms/inbound/sandbox", "{not json");
        var wrongShape = await PostSignedAsync(factory, client, "/api/outreach/sms/webhooks/sandbox", """{"id":42}""");
        var badNumber = await PostSignedAsync(factory, client, "/api/outreach/sms/inbound/sandbox", """{"id":"X","from":"call me","text":"STOP"}""");

        foreach (var refused in new[] { forged, replayed, missing })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }

        otherProvider.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        junk.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        wrongShape.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badNumber.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badNumber.Content.ReadAsStringAsync()).ShouldContain("\"from\"");
        (await RunAsync<GetContactPreferencesRequest, ContactPreferencesView>(factory.Database, Staff.Agent, new GetContactPreferencesRequest(account))).Preferences.Channels.ShouldBeEmpty();
        (await AllAsync<OutreachMessage>(factory.Database)).ShouldBeEmpty();
        sms.Received.Count.ShouldBe(1);
    }

    private static async Task<HttpResponseMessage> PostSignedAsync(ParleyWebFactory factory, HttpClient client, string path, string json, string secret = WebhookSecret, TimeSpan age = default)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var at = factory.Time.GetUtcNow() - age;
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(secret, at.ToUnixTimeSeconds(), body));
        return await client.SendAsync(request);
    }
}
