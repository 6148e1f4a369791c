using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using NodaTime;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Webhooks;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.Webhooks;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Payments.Tests.LedgerTestKit;

namespace Parley.Modules.Payments.Tests;

public sealed class PaymentsHttpTests
{
    private const string Secret = "whsec_test_secret";

    [Theory]
    [DatabaseProviders]
    public async Task A_payment_is_allocated_by_waterfall_and_a_replay_returns_the_same_result(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var id = AccountId.New();
        await factory.Database.PlaceAsync(Placement(id, 100_00, 20_00, 5_00, "open"));
        var client = factory.ClientAs(StaffRoles.Agent);
        var body = new { amount = 30.00m, currency = "USD", method = "card", reference = "rcpt-1" };

        var first = await PostPaymentAsync(client, id, "key-1", body);
        var replay = await PostPaymentAsync(client, id, "key-1", body with { amount = 30m });
        var reused = await PostPaymentAsync(client, id, "key-1", body with { amount = 31.00m });

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var json = await JsonAsync(first);
        json.GetProperty("allocation").GetProperty("fees").GetDecimal().ShouldBe(5m);
        json.GetProperty("allocation").GetProperty("interest").GetDecimal().ShouldBe(20m);
        json.GetProperty("allocation").GetProperty("principal").GetDecimal().ShouldBe(5m);
        json.GetProperty("balance").GetProperty("outstanding").GetDecimal().ShouldBe(95m);
        json.GetProperty("entry").GetProperty("kind").GetString().ShouldBe("payment");
        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        reused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(reused)).GetProperty("code").GetString().ShouldBe("payments.idempotency_key_reused");
        (await factory.Database.EntriesAsync(id)).Count.ShouldBe(2);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Invalid_payments_are_refused_with_problems(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var id = AccountId.New();
        await factory.Database.PlaceAsync(Placement(id, 100_00, 0, 0, "open"));
        var client = factory.ClientAs(StaffRoles.Agent);

        await ShouldBeProblemAsync(await PostPaymentAsync(client, id, null, new { amount = 1m, currency = "USD", method = "card" }), HttpStatusCode.BadRequest, "payments.idempotency_key_required");
        var zero = await PostPaymentAsync(client, id, "k1", new { amount = 0m, currency = "USD", method = "card" });
        (await ShouldBeProblemAsync(zero, HttpStatusCode.BadRequest, "payments.invalid_request")).GetProperty("errors").TryGetProperty("amount", out _).ShouldBeTrue();
        var decimals = await PostPaymentAsync(client, id, "k2", new { amount = 12.345m, currency = "USD", method = "card" });
        (await ShouldBeProblemAsync(decimals, HttpStatusCode.BadRequest, "payments.invalid_request")).GetProperty("errors").TryGetProperty("amount", out _).ShouldBeTrue();
        var method = await PostPaymentAsync(client, id, "k3", new { amount = 1m, currency = "USD", method = "bitcoin" });
        (await ShouldBeProblemAsync(method, HttpStatusCode.BadRequest, "payments.invalid_request")).GetProperty("errors").TryGetProperty("method", out _).ShouldBeTrue();
        await ShouldBeProblemAsync(await PostPaymentAsync(client, id, "k4", new { amount = 1m, currency = "EUR", method = "card" }), HttpStatusCode.BadRequest, "payments.currency_mismatch");
        await ShouldBeProblemAsync(await PostPaymentAsync(client, AccountId.New(), "k5", new { amount = 1m, currency = "USD", method = "card" }), HttpStatusCode.NotFound, "payments.account_not_found");
        (await PostPaymentAsync(factory.ClientAs(), id, "k6", new { amount = 1m, currency = "USD", method = "card" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.Database.EntriesAsync(id)).Count.ShouldBe(1);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_supervisor_reverses_a_payment_once_and_the_ledger_shows_running_balances(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var id = AccountId.New();
        await factory.Database.PlaceAsync(Placement(id, 100_00, 0, 0, "open"));
        var agent = factory.ClientAs(StaffRoles.Agent);
        var supervisor = factory.ClientAs(StaffRoles.Supervisor);
        var payment = await JsonAsync(await PostPaymentAsync(agent, id, "pay", new { amount = 150m, currency = "USD", method = "bank_transfer" }));
        var entryId = payment.GetProperty("entry").GetProperty("id").GetGuid();
        var url = $"/api/accounts/{id}/ledger/{entryId}/reversal";

        (await agent.PostAsJsonAsync(url, new { reason = "chargeback" }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(await supervisor.PostAsJsonAsync(url, new { reason = " " }, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "payments.invalid_request");
        var reversal = await supervisor.PostAsJsonAsync(url, new { reason = "Card chargeback" }, TestContext.Current.CancellationToken);
        var again = await supervisor.PostAsJsonAsync(url, new { reason = "Card chargeback" }, TestContext.Current.CancellationToken);

        reversal.StatusCode.ShouldBe(HttpStatusCode.Created);
        var reversalJson = await JsonAsync(reversal);
        reversalJson.GetProperty("balance").GetProperty("outstanding").GetDecimal().ShouldBe(100m);
        reversalJson.GetProperty("balance").GetProperty("credit").GetDecimal().ShouldBe(0m);
        await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, "payments.already_reversed");
        var reversalId = reversalJson.GetProperty("entry").GetProperty("id").GetGuid();
        await ShouldBeProblemAsync(
            await supervisor.PostAsJsonAsync($"/api/accounts/{id}/ledger/{reversalId}/reversal", new { reason = "undo" }, TestContext.Current.CancellationToken),
            HttpStatusCode.Conflict, "payments.reversal_not_reversible");
        await ShouldBeProblemAsync(
            await supervisor.PostAsJsonAsync($"/api/accounts/{id}/ledger/{Guid.CreateVersion7()}/reversal", new { reason = "x" }, TestContext.Current.CancellationToken),
            HttpStatusCode.NotFound, "payments.entry_not_found");

        var ledger = await JsonAsync(await agent.GetAsync($"/api/accounts/{id}/ledger", TestContext.Current.CancellationToken));
        ledger.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("outstandingAfter").GetDecimal()).ShouldBe([100m, -50m, 100m]);
        ledger.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entry").GetProperty("kind").GetString()).ShouldBe(["charge", "payment", "reversal"]);
        var balance = await JsonAsync(await agent.GetAsync($"/api/accounts/{id}/balance", TestContext.Current.CancellationToken));
        balance.GetProperty("principal").GetDecimal().ShouldBe(100m);
        (await agent.GetAsync($"/api/accounts/{AccountId.New()}/balance", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Signed_webhooks_post_once_and_unsigned_or_stale_ones_are_refused(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        await using var web = factory.WithWebHostBuilder(b => b.UseSetting("Payments:Providers:sandbox:WebhookSecret", Secret));
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var id = AccountId.New();
        await factory.Database.PlaceAsync(Placement(id, 100_00, 0, 0, "open"));
        var now = Instant.FromDateTimeOffset(factory.Time.GetUtcNow()).ToUnixTimeSeconds();
        var succeeded = Event("evt_1", "payment.succeeded", id, """ "amount": 40.00, "currency": "USD", "reference": "ch_1" """);

        var posted = await SendWebhookAsync(client, "sandbox", succeeded, Sign(succeeded, now));
        var redelivered = await SendWebhookAsync(client, "sandbox", succeeded, Sign(succeeded, now + 60));
        var unsigned = await SendWebhookAsync(client, "sandbox", Event("evt_2", "payment.succeeded", id, """ "amount": 1.00, "currency": "USD" """), null);
        var forged = await SendWebhookAsync(client, "sandbox", succeeded.Replace("40.00", "4000.00", StringComparison.Ordinal), Sign(succeeded, now));
        var wrongSecret = await SendWebhookAsync(client, "sandbox", succeeded, WebhookSignature.HeaderValue("other", now, Encoding.UTF8.GetBytes(succeeded)));
        var stale = await SendWebhookAsync(client, "sandbox", Event("evt_3", "payment.succeeded", id, """ "amount": 1.00, "currency": "USD" """), null, now - 301);
        var unknown = await SendWebhookAsync(client, "acme", succeeded, Sign(succeeded, now));

        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(posted)).GetProperty("outcome").GetString().ShouldBe("posted");
        redelivered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(redelivered)).GetProperty("outcome").GetString().ShouldBe("duplicate");
        await ShouldBeProblemAsync(unsigned, HttpStatusCode.Unauthorized, "payments.webhook_signature_invalid");
        await ShouldBeProblemAsync(forged, HttpStatusCode.Unauthorized, "payments.webhook_signature_invalid");
        await ShouldBeProblemAsync(wrongSecret, HttpStatusCode.Unauthorized, "payments.webhook_signature_invalid");
        await ShouldBeProblemAsync(stale, HttpStatusCode.Unauthorized, "payments.webhook_replay");
        await ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound, "payments.unknown_provider");

        var reversed = Event("evt_4", "payment.reversed", id, """ "reference": "ch_1" """);
        var chargeback = await SendWebhookAsync(client, "sandbox", reversed, Sign(reversed, now));
        var chargebackAgain = await SendWebhookAsync(client, "sandbox", reversed, Sign(reversed, now));
        (await JsonAsync(chargeback)).GetProperty("outcome").GetString().ShouldBe("posted");
        (await JsonAsync(chargebackAgain)).GetProperty("outcome").GetString().ShouldBe("duplicate");

        var entries = await factory.Database.EntriesAsync(id);
        entries.Select(e => e.Kind.ToString()).ShouldBe(["Charge", "Payment", "Reversal"]);
        entries[1].Provider.ShouldBe("sandbox");
        entries[1].ProviderReference.ShouldBe("ch_1");
        entries[1].IdempotencyKey.ShouldBe("evt_1");
        (await factory.Database.AccountAsync(id)).OutstandingMinor.ShouldBe(100_00);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_signed_event_id_is_bound_to_its_account_and_body(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        await using var web = factory.WithWebHostBuilder(b => b.UseSetting("Payments:Providers:sandbox:WebhookSecret", Secret));
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (first, other) = (AccountId.New(), AccountId.New());
        await factory.Database.PlaceAsync(Placement(first, 100_00, 0, 0, "first"), Placement(other, 100_00, 0, 0, "other"));
        var now = Instant.FromDateTimeOffset(factory.Time.GetUtcNow()).ToUnixTimeSeconds();
        var paid = Event("evt_bound", "payment.succeeded", first, """ "amount": 40.00, "currency": "USD", "reference": "ch_9" """);
        var elsewhere = Event("evt_bound", "payment.succeeded", other, """ "amount": 40.00, "currency": "USD", "reference": "ch_9" """);
        var more = Event("evt_bound", "payment.succeeded", first, """ "amount": 45.00, "currency": "USD", "reference": "ch_9" """);

        var posted = await SendWebhookAsync(client, "sandbox", paid, Sign(paid, now));
        var toAnotherAccount = await SendWebhookAsync(client, "sandbox", elsewhere, Sign(elsewhere, now));
        var withAnotherBody = await SendWebhookAsync(client, "sandbox", more, Sign(more, now));
        var redelivered = await SendWebhookAsync(client, "sandbox", paid, Sign(paid, now + 30));

        (await JsonAsync(posted)).GetProperty("outcome").GetString().ShouldBe("posted");
        await ShouldBeProblemAsync(toAnotherAccount, HttpStatusCode.Conflict, "payments.webhook_event_conflict");
        await ShouldBeProblemAsync(withAnotherBody, HttpStatusCode.Conflict, "payments.webhook_event_conflict");
        redelivered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(redelivered)).GetProperty("outcome").GetString().ShouldBe("duplicate");
        (await factory.Database.AccountAsync(first)).OutstandingMinor.ShouldBe(60_00);
        (await factory.Database.EntriesAsync(other)).Select(e => e.Kind.ToString()).ShouldBe(["Charge"]);

        // A chargeback's id is bound the same way: its reference on another account posts nothing there.
        await SendWebhookAsync(client, "sandbox", elsewhere.Replace("evt_bound", "evt_other_paid", StringComparison.Ordinal), Sign(elsewhere.Replace("evt_bound", "evt_other_paid", StringComparison.Ordinal), now));
        var reversed = Event("evt_back", "payment.reversed", first, """ "reference": "ch_9" """);
        var reversedElsewhere = Event("evt_back", "payment.reversed", other, """ "reference": "ch_9" """);
        (await JsonAsync(await SendWebhookAsync(client, "sandbox", reversed, Sign(reversed, now)))).GetProperty("outcome").GetString().ShouldBe("posted");
        await ShouldBeProblemAsync(await SendWebhookAsync(client, "sandbox", reversedElsewhere, Sign(reversedElsewhere, now)), HttpStatusCode.Conflict, "payments.webhook_event_conflict");
        (await factory.Database.AccountAsync(first)).OutstandingMinor.ShouldBe(100_00);
        (await factory.Database.AccountAsync(other)).OutstandingMinor.ShouldBe(60_00);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Concurrent_deliveries_of_one_event_id_to_two_accounts_post_it_once(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        await using var web = factory.WithWebHostBuilder(b => b.UseSetting("Payments:Providers:sandbox:WebhookSecret", Secret));
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        AccountId[] accounts = [AccountId.New(), AccountId.New()];
        await factory.Database.PlaceAsync(Placement(accounts[0], 100_00, 0, 0, "a"), Placement(accounts[1], 100_00, 0, 0, "b"));
        var now = Instant.FromDateTimeOffset(factory.Time.GetUtcNow()).ToUnixTimeSeconds();
        var bodies = accounts.Select(a => Event("evt_race", "payment.succeeded", a, """ "amount": 25.00, "currency": "USD" """)).ToArray();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => SendWebhookAsync(client, "sandbox", bodies[i % 2], Sign(bodies[i % 2], now))));

        responses.Select(r => r.StatusCode).Distinct().Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var posted = (await factory.Database.EntriesAsync(accounts[0])).Concat(await factory.Database.EntriesAsync(accounts[1])).Count(e => e.Kind == LedgerEntryKind.Payment);
        posted.ShouldBe(1);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_refused_event_binds_nothing_so_its_id_can_still_post(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        await using var web = factory.WithWebHostBuilder(b => b.UseSetting("Payments:Providers:sandbox:WebhookSecret", Secret));
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var id = AccountId.New();
        await factory.Database.PlaceAsync(Placement(id, 100_00, 0, 0, "open"));
        var now = Instant.FromDateTimeOffset(factory.Time.GetUtcNow()).ToUnixTimeSeconds();
        var wrongCurrency = Event("evt_retry", "payment.succeeded", id, """ "amount": 10.00, "currency": "EUR" """);
        var corrected = Event("evt_retry", "payment.succeeded", id, """ "amount": 10.00, "currency": "USD" """);

        await ShouldBeProblemAsync(await SendWebhookAsync(client, "sandbox", wrongCurrency, Sign(wrongCurrency, now)), HttpStatusCode.BadRequest, "payments.currency_mismatch");
        var posted = await SendWebhookAsync(client, "sandbox", corrected, Sign(corrected, now));

        (await JsonAsync(posted)).GetProperty("outcome").GetString().ShouldBe("posted");
        (await factory.Database.AccountAsync(id)).OutstandingMinor.ShouldBe(90_00);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_chunked_webhook_body_over_the_limit_is_refused_without_being_read_to_its_end(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        await using var web = factory.WithWebHostBuilder(b => b.UseSetting("Payments:Providers:sandbox:WebhookSecret", Secret));
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var body = new EndlessBody(64L * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/sandbox") { Content = body };
        request.Headers.Add(WebhookSignature.Header, $"t=1,v1={new string('0', 64)}");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        request.Content.Headers.ContentLength.ShouldBeNull();
        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payments.webhook_too_large");
        // The host stopped reading just past the limit: the client was never let write more than a little beyond it.
        body.Written.ShouldBeLessThan(1024 * 1024);
    }

    [Fact]
    public async Task The_bounded_read_stops_one_chunk_past_the_limit_and_reads_a_body_within_it_whole()
    {
        var endless = new CountingStream(long.MaxValue);
        var small = new CountingStream(ReceiveWebhook.MaxBodyBytes);

        (await WebhookSignature.ReadAtMostAsync(endless, ReceiveWebhook.MaxBodyBytes, _ => false, TestContext.Current.CancellationToken)).ShouldBeNull();
        (await WebhookSignature.ReadAtMostAsync(small, ReceiveWebhook.MaxBodyBytes, _ => false, TestContext.Current.CancellationToken))!.Length.ShouldBe(ReceiveWebhook.MaxBodyBytes);

        endless.BytesRead.ShouldBe(ReceiveWebhook.MaxBodyBytes + 1);
    }

    [Fact]
    public void A_signature_is_checked_against_the_body_the_secret_and_the_clock()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"evt"}""");
        var at = Instant.FromUnixTimeSeconds(1_800_000_000);
        var header = WebhookSignature.HeaderValue(Secret, 1_800_000_000, body);
        var tolerance = Duration.FromMinutes(5);

        WebhookSignature.Verify(header, Secret, body, at + Duration.FromMinutes(4), tolerance).ShouldBe(SignatureCheck.Valid);
        WebhookSignature.Verify($"t=1800000000,v1={new string('0', 64)},{header.Split(',')[1]}", Secret, body, at, tolerance).ShouldBe(SignatureCheck.Valid);
        WebhookSignature.Verify(header, Secret, body, at - Duration.FromMinutes(6), tolerance).ShouldBe(SignatureCheck.Stale);
        WebhookSignature.Verify(header, Secret, "{}"u8, at, tolerance).ShouldBe(SignatureCheck.Invalid);
        WebhookSignature.Verify(header.Replace("t=1800000000", "t=1800000001", StringComparison.Ordinal), Secret, body, at, tolerance).ShouldBe(SignatureCheck.Invalid);
        WebhookSignature.Verify("v1=zz", Secret, body, at, tolerance).ShouldBe(SignatureCheck.Invalid);
        WebhookSignature.Verify(null, Secret, body, at, tolerance).ShouldBe(SignatureCheck.Missing);
    }

    private static string Sign(string body, long unixSeconds) => WebhookSignature.HeaderValue(Secret, unixSeconds, Encoding.UTF8.GetBytes(body));

    private static string Event(string id, string type, AccountId account, string fields) =>
        $$"""{ "id": "{{id}}", "type": "{{type}}", "account_id": "{{account}}", "occurred_at": "2026-11-02T14:00:00Z", {{fields}} }""";

    private static async Task<HttpResponseMessage> SendWebhookAsync(HttpClient client, string provider, string body, string? signature, long? signAt = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/payments/webhooks/{provider}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if ((signature ?? (signAt is { } t ? Sign(body, t) : null)) is { } header)
        {
            request.Headers.Add(WebhookSignature.Header, header);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> PostPaymentAsync<T>(HttpClient client, AccountId id, string? key, T body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{id}/payments") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    private static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var json = await JsonAsync(response);
        json.GetProperty("code").GetString().ShouldBe(code);
        return json;
    }

    /// <summary>A body without Content-Length (sent chunked) that would go on for <paramref name="size"/> bytes; counts what it was let write.</summary>
    private sealed class EndlessBody(long size) : HttpContent
    {
        public long Written { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = new byte[8 * 1024];
            chunk.AsSpan().Fill((byte)' ');
            chunk[0] = (byte)'{';
            while (Written < size)
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
                Written += chunk.Length;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A stream of <paramref name="size"/> spaces that counts the bytes read from it.</summary>
    private sealed class CountingStream(long size) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, size - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
