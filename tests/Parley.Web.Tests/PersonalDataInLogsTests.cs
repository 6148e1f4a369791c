using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;

namespace Parley.Web.Tests;

/// <summary>
/// What an operator's log holds after a customer's data went through every kind of front door — an import with a good
/// and a bad row, a search by name, a payment, a hold with a reason, a plan, refused and malformed requests: ids and
/// codes, never the customer's name, contact details, date of birth or what they told us. The host keeps its shipped
/// log levels, with Parley's own code at its most talkative (Trace), so a debug line cannot hide a leak either.
/// </summary>
public sealed class PersonalDataInLogsTests
{
    private const string Header =
        "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,"
        + "mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,"
        + "principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements";

    private const string GivenName = "Zebedee";
    private const string FamilyName = "Quillfeather";
    private const string Email = "zeb.quill@example.org";
    private const string Phone = "+16172530142";
    private const string Street = "77 Wisteria Lane";
    private const string BirthDate = "1961-04-12";
    private const string Confided = "her mother died in March";

    private static readonly string[] PersonalData = [GivenName, FamilyName, Email, Phone, "253-0142", "2530142", "253 0142", Street, BirthDate, Confided];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task The_log_holds_ids_and_codes_but_no_customer_s_personal_data(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider, settings: new Dictionary<string, string?> { ["Logging:LogLevel:Parley"] = "Trace" });
        factory.ServerLog.MinimumLevel = LogLevel.Trace;
        using var admin = factory.ClientAs(StaffRoles.Admin);

        (await admin.PostAsJsonAsync("/api/creditors", new { code = "ACME-CARD", name = "Acme Card Services", currency = "USD" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var good = $"ACME-CARD,C-9,{GivenName},{FamilyName},{BirthDate},en-US,{Street},,Boston,02110,US-MA,,{Phone},call+sms,,,{Email},personal,yes,ZQ-1,credit_card,,USD,900.00,,,,,60,,open,";
        // The same person again with a broken amount and date: a rejected row whose fields the rejects report names.
        var bad = $"ACME-CARD,C-9,{GivenName},{FamilyName},{BirthDate}x,en-US,{Street},,Boston,02110,US-MA,,{Phone},call+sms,,,{Email},personal,yes,ZQ-2,credit_card,,USD,lots,,,,,60,,open,";
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes($"{Header}\r\n{good}\r\n{bad}\r\n")), "file", "placements.csv" } };
        var import = await admin.PostAsync("/api/imports", upload, Ct);
        var run = await import.Content.ReadFromJsonAsync<JsonElement>(Ct);
        import.StatusCode.ShouldBe(HttpStatusCode.Created, run.ToString());
        (run.GetProperty("rowsAccepted").GetInt64(), run.GetProperty("rowsRejected").GetInt64()).ShouldBe((1L, 1L), run.ToString());

        var found = await admin.GetFromJsonAsync<JsonElement>($"/api/accounts?q={FamilyName}", Ct);
        var accountId = found.GetProperty("items")[0].GetProperty("accountId").GetString();
        (await admin.GetAsync($"/api/accounts/{accountId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync($"/api/accounts?q={Email}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var payment = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{accountId}/payments")
        {
            Content = JsonContent.Create(new { amount = 50.00m, currency = "USD", method = "card", reference = $"{FamilyName}-receipt" }),
        };
        payment.Headers.Add("Idempotency-Key", "pii-log-1");
        (await admin.SendAsync(payment, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await admin.PostAsJsonAsync($"/api/accounts/{accountId}/holds", new { type = "hardship", reason = Confided }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync($"/api/accounts/{accountId}/arrangements", new { frequency = "monthly", amount = 100m, start = "2026-12-01" }, Ct)).IsSuccessStatusCode.ShouldBeTrue();

        // Refusals and malformed requests carrying the person's data: a wrong role, a bad field, broken JSON.
        using var agent = factory.ClientAs(StaffRoles.Agent);
        (await agent.PostAsJsonAsync("/api/staff", new { email = Email, displayName = $"{GivenName} {FamilyName}", password = "a-long-staff-password", roles = new[] { "Agent" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var outsider = factory.ClientFor([], "outsider@parley", StaffRoles.Supervisor);
        (await outsider.PostAsJsonAsync($"/api/accounts/{accountId}/holds", new { type = "hardship", reason = Confided }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsJsonAsync($"/api/accounts/{accountId}/holds", new { type = Email, reason = Confided }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsync($"/api/accounts/{accountId}/holds", new StringContent($$"""{"type": "hardship", "reason": "{{Confided}}" """, Encoding.UTF8, "application/json"), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var log = factory.ServerLog.Entries;
        log.ShouldNotBeEmpty("nothing was logged at all, so finding no personal data in it proves nothing");
        var leaks = log.Where(entry => PersonalData.Any(value => entry.Contains(value, StringComparison.OrdinalIgnoreCase))).ToList();
        leaks.ShouldBeEmpty($"the log carried personal data:\n{string.Join('\n', leaks)}");
    }
}
