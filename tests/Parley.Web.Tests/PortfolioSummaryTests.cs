using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Composition;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Creditors;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.Import;
using Parley.Modules.Accounts.UseCases;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Parley.Web.Composition;

namespace Parley.Web.Tests;

/// <summary>
/// <c>GET /api/portfolio/summary</c> on a small imported portfolio in two currencies, against figures worked out by
/// hand. The test clock stands at Monday 2 November 2026, 15:00 UTC.
/// </summary>
public sealed class PortfolioSummaryTests
{
    private const string Header =
        "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,"
        + "mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,"
        + "principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements";

    private static readonly string[] Rows =
    [
        "ACME-CARD,C-1,Ada,Lovelace,1985-12-10,en-US,1 Main St,,Boston,02110,US-MA,,,,,,,,,ADA-1,credit_card,,USD,1000.00,,,,,45,,open,",
        "ACME-CARD,C-2,Grace,Hopper,1980-01-01,en-US,2 Main St,,Boston,02110,US-MA,,,,,,,,,GRACE-1,credit_card,,USD,500.00,50.00,,,,10,,open,",
        "ACME-CARD,C-3,Alan,Turing,1970-06-23,en-US,3 Main St,,Boston,02110,US-MA,,,,,,,,,ALAN-1,credit_card,,USD,200.00,,,2026-06-30,,200,,in_arrangement,",
        "BRIT-CARD,U-1,Mary,Somerville,1975-12-26,en-GB,4 High St,,London,SW1A 2AA,GB-ENG,,,,,,,,,MARY-1,personal_loan,,GBP,300.00,,,,,45,,open,",
        "BRIT-CARD,U-2,Ken,Thompson,1983-02-04,en-GB,5 High St,,London,SW1A 2AA,GB-ENG,,,,,,,,,KEN-1,utility,,GBP,120.00,,,,,0,,in_arrangement,",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [DatabaseProviders]
    public async Task The_summary_equals_the_figures_worked_out_by_hand(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var admin = factory.ClientAs(StaffRoles.Admin);
        var ids = await SeedAsync(factory, admin);

        var summary = await SummaryAsync(admin, "");
        summary.TimeZone.ShouldBe("UTC");
        summary.WeekStart.ShouldBe(new LocalDate(2026, 11, 2));

        var p = summary.Portfolio;
        p.Totals.ShouldBe([new CurrencyFigure("GBP", 2, 380.00m), new CurrencyFigure("USD", 3, 1630.00m)]);
        p.ByStatus.ShouldBe(
        [
            new StatusFigure(AccountStatus.Open, "GBP", 1, 260.00m),
            new StatusFigure(AccountStatus.Open, "USD", 2, 1450.00m),
            new StatusFigure(AccountStatus.InArrangement, "GBP", 1, 120.00m),
            new StatusFigure(AccountStatus.InArrangement, "USD", 1, 180.00m),
        ]);
        p.ByBucket.ShouldBe(
        [
            new BucketFigure(DelinquencyBucket.Current, "GBP", 1, 120.00m),
            new BucketFigure(DelinquencyBucket.Dpd1To30, "USD", 1, 550.00m),
            new BucketFigure(DelinquencyBucket.Dpd31To60, "GBP", 1, 260.00m),
            new BucketFigure(DelinquencyBucket.Dpd31To60, "USD", 1, 900.00m),
            new BucketFigure(DelinquencyBucket.ChargedOff, "USD", 1, 180.00m),
        ]);
        // Ken's complaint hold has ended; Mary's hardship hold covers all her accounts (one).
        p.ActiveHolds.ShouldBe([new HoldFigure(HoldType.Dispute, 1), new HoldFigure(HoldType.Hardship, 1)]);
        p.AccountsOnHold.ShouldBe(2);
        p.RecentImports.ShouldNotBeNull().Single().FileName.ShouldBe("summary.csv");

        // This week in UTC: Ada 100, Grace 50 (reversed), Alan 20 at 03:00 UTC; Mary 30 (her 10 last Friday is last week's).
        summary.PaymentsThisWeek.Since.ShouldBe(Instant.FromUtc(2026, 11, 2, 0, 0));
        summary.PaymentsThisWeek.ByCurrency.ShouldBe([new PaymentsFigure("GBP", 1, 30.00m, 0, 0m), new PaymentsFigure("USD", 3, 170.00m, 1, 50.00m)]);

        summary.Plans.ShouldBe(new PlanFigures(Proposed: 1, AwaitingApproval: 0, Active: 1, ActiveOnTrack: 1, ActiveBehind: 0, Completed: 0, Broken: 0, Cancelled: 0));

        // In New York the week began at 05:00 UTC, so Alan's payment (Sunday night there) is last week's.
        var newYork = await SummaryAsync(admin, "?timeZone=America/New_York");
        newYork.PaymentsThisWeek.Since.ShouldBe(Instant.FromUtc(2026, 11, 2, 5, 0));
        newYork.PaymentsThisWeek.ByCurrency.ShouldBe([new PaymentsFigure("GBP", 1, 30.00m, 0, 0m), new PaymentsFigure("USD", 2, 150.00m, 1, 50.00m)]);
        ids.Count.ShouldBe(5);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Recent_imports_are_left_out_for_those_the_imports_endpoints_refuse_and_an_unknown_zone_is_a_field_problem(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        await SeedAsync(factory, factory.ClientAs(StaffRoles.Admin));
        var agent = factory.ClientAs(StaffRoles.Agent);

        (await agent.GetAsync("/api/imports", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var summary = await SummaryAsync(agent, "");
        summary.Portfolio.RecentImports.ShouldBeNull();
        summary.Portfolio.Totals.Sum(t => t.Accounts).ShouldBe(5);
        (await SummaryAsync(factory.ClientAs(StaffRoles.Supervisor), "")).Portfolio.RecentImports.ShouldNotBeNull().Count.ShouldBe(1);

        var bad = await agent.GetAsync("/api/portfolio/summary?timeZone=Mars/Olympus", Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("errors").GetProperty("timeZone")[0].GetString().ShouldBe("'Mars/Olympus' is not an IANA time zone such as Europe/London or America/New_York.");
    }

    private static async Task<PortfolioSummary> SummaryAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/portfolio/summary{query}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var json = ParleyJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return (await response.Content.ReadFromJsonAsync<PortfolioSummary>(json, Ct)).ShouldNotBeNull();
    }

    /// <summary>Creditors and the placement file, then payments, a reversal, holds and plans through the API as staff make them.</summary>
    private static async Task<Dictionary<string, Guid>> SeedAsync(ParleyWebFactory factory, HttpClient admin)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var creditors = scope.ServiceProvider.GetRequiredService<CreateCreditor.Handler>();
            await creditors.HandleAsync(new CreateCreditor.Request("ACME-CARD", "Acme Card Services", "USD"), Ct);
            await creditors.HandleAsync(new CreateCreditor.Request("BRIT-CARD", "Brit Card plc", "GBP"), Ct);
            using var file = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. Rows]) + "\r\n"));
            var run = await scope.ServiceProvider.GetRequiredService<PlacementImporter>().ImportAsync(new PlacementImportRequest(file, "summary.csv", DryRun: false), Ct);
            (run.RowsAccepted, run.RowsRejected).ShouldBe((5L, 0L));
        }

        Dictionary<string, Guid> ids;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            ids = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().ToDictionaryAsync(a => a.CreditorReference, a => a.Id.Value, Ct);
        }

        await PayAsync(admin, ids["ADA-1"], "ada", 100.00m, "USD", null);
        var grace = await PayAsync(admin, ids["GRACE-1"], "grace", 50.00m, "USD", null);
        await PayAsync(admin, ids["ALAN-1"], "alan", 20.00m, "USD", "2026-11-02T03:00:00Z");
        await PayAsync(admin, ids["MARY-1"], "mary-last-week", 10.00m, "GBP", "2026-10-30T12:00:00Z");
        await PayAsync(admin, ids["MARY-1"], "mary", 30.00m, "GBP", null);
        var graceEntry = grace.GetProperty("entry").GetProperty("id").GetString();
        (await admin.PostAsJsonAsync($"/api/accounts/{ids["GRACE-1"]}/ledger/{graceEntry}/reversal", new { reason = "card charged back" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await PostOkAsync(admin, $"/api/accounts/{ids["ADA-1"]}/holds", new { type = "dispute", reason = "disputes the balance", resumesAutomatically = false });
        await PostOkAsync(admin, $"/api/accounts/{ids["MARY-1"]}/holds", new { type = "hardship", reason = "lost her job", resumesAutomatically = false, allAccounts = true });
        var complaint = await PostOkAsync(admin, $"/api/accounts/{ids["KEN-1"]}/holds", new { type = "complaint", reason = "complained about a call", resumesAutomatically = false });
        await PostOkAsync(admin, $"/api/holds/{complaint.GetProperty("id").GetString()}/end", new { reason = "complaint answered" });

        var active = await PostOkAsync(admin, $"/api/accounts/{ids["KEN-1"]}/arrangements", new { frequency = "monthly", amount = 40m, start = "2026-11-10" });
        await PostOkAsync(admin, $"/api/accounts/{ids["KEN-1"]}/arrangements/{active.GetProperty("id").GetString()}/activate", new { });
        await PostOkAsync(admin, $"/api/accounts/{ids["GRACE-1"]}/arrangements", new { frequency = "monthly", amount = 100m, start = "2026-11-10" });
        return ids;
    }

    private static async Task<JsonElement> PayAsync(HttpClient client, Guid accountId, string key, decimal amount, string currency, string? receivedAt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{accountId}/payments")
        {
            Content = JsonContent.Create(new { amount, currency, method = "card", receivedAt }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    private static async Task<JsonElement> PostOkAsync<T>(HttpClient client, string url, T body)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        response.IsSuccessStatusCode.ShouldBeTrue($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }
}
