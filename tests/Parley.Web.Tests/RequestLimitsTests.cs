using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;

namespace Parley.Web.Tests;

/// <summary>
/// Request bodies on the real server (Kestrel on loopback): every endpoint reads at most 1 MiB whether or not the
/// request says how long it is, the payment webhook 64 KiB, and only the placement upload more.
/// </summary>
public sealed class RequestLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task Bodies_over_the_limit_are_refused_with_413_whether_or_not_their_length_is_sent(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: new Dictionary<string, string?> { ["Payments:Providers:sandbox:WebhookSecret"] = "whsec_limits" });
        var address = factory.StartOnLoopback();
        using var http = new HttpClient { BaseAddress = address };
        var big = Encoding.UTF8.GetBytes("{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "\",\"password\":\"x\"}");

        using var sized = await http.PostAsync("/api/auth/token", Json(big, chunked: false), Ct);
        using var chunked = await http.PostAsync("/api/auth/token", Json(big, chunked: true), Ct);
        using var webhook = await http.PostAsync("/api/payments/webhooks/sandbox", Json(big[..(100 * 1024)], chunked: true), Ct);
        using var small = await http.PostAsync("/api/auth/token", Json("{\"email\":\"nobody@parley.test\",\"password\":\"wrong-password\"}"u8.ToArray(), chunked: true), Ct);

        await ShouldBeTooLargeAsync(sized, "request.too_large");
        await ShouldBeTooLargeAsync(chunked, "request.too_large");
        await ShouldBeTooLargeAsync(webhook, "payments.webhook_too_large");
        ((int)small.StatusCode).ShouldBeLessThan(500);
        small.StatusCode.ShouldNotBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_placement_file_larger_than_the_json_limit_is_still_taken()
    {
        await using var factory = await ParleyWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var address = factory.StartOnLoopback();
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Add(ParleyWebFactory.RolesHeader, StaffRoles.Supervisor);
        var header = "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,"
            + "mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,"
            + "principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements";
        // Comment-free padding: rows the importer rejects (no such creditor), so the file is large but quick to check.
        var rows = Enumerable.Range(0, 12_000).Select(i => $"NOPE,C-{i},Ada,Lovelace,1985-12-10,en-US,1 Main St,,Boston,02110,US-MA,,,,,,,,,R-{i},credit_card,,USD,10.00,,,,,45,,open,");
        var file = Encoding.UTF8.GetBytes(string.Join("\r\n", [header, .. rows]) + "\r\n");
        file.Length.ShouldBeGreaterThan(1024 * 1024);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "large.csv" },
            { new StringContent("true"), "dryRun" },
        };

        using var response = await http.PostAsync("/api/imports", form, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task ShouldBeTooLargeAsync(HttpResponseMessage response, string code)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var named) ? named.GetString() : null).ShouldBe(code, body);
    }

    private static HttpContent Json(byte[] body, bool chunked)
    {
        HttpContent content = chunked ? new StreamContent(new UnsizedStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A body whose length the client cannot know, so it goes chunked, without Content-Length.</summary>
    private sealed class UnsizedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
