using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Parley.Web.Security;
using Parley.Web.Tests.Guarded;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Security;

/// <summary>What one row of the matrix acts on, made fresh for the creditor whose data it is.</summary>
/// <param name="Url">The endpoint's URL with that creditor's ids.</param>
/// <param name="Body">The JSON body, when the endpoint takes one.</param>
public sealed record IdorTarget(string Url, object? Body = null);

/// <summary>
/// The IDOR matrix (ADR 13), on SQLite and PostgreSQL: two creditors, each with an account, a plan, a hold and a ledger entry; for every endpoint
/// of the OpenAPI document whose route carries an id, every role of the other creditor's staff gets 404 where their
/// role is allowed and 403 where it is not (the role check is public and comes first), with nothing changed, and the
/// owning creditor's staff then succeed with the same call, so the 404 is about scope and nothing else.
/// </summary>
public sealed class IdorMatrixTests : IAsyncLifetime
{
    private const string Acme = "ACME-CARD";
    private const string Brit = "BRIT-CARD";

    private GuardedWorld _world = default!;

    // Each test starts its world on the provider it runs on (the matrix runs on SQLite and on PostgreSQL).
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    private async Task StartAsync(DatabaseProvider provider) => _world = await GuardedWorld.StartAsync(provider);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Actor Admin => GuardedWorld.Admin;

    /// <summary>The account of each creditor the rows act on.</summary>
    private AccountId AccountOf(string creditor) => _world.Accounts[creditor == Acme ? "ADA-1" : "MARY-1"];

    private static string CurrencyOf(string creditor) => creditor == Acme ? "USD" : "GBP";

    /// <summary>
    /// Ids that name no creditor's data, and why. Everything else with an id in its route must be a row of <see cref="Rows"/>.
    /// </summary>
    private static readonly Dictionary<string, string> NotACreditorsData = new(StringComparer.Ordinal)
    {
        ["POST /api/payments/webhooks/{provider}"] = "a payment provider's name; the call is anonymous and signature-checked",
        ["GET /api/outreach/templates/{id}"] = "a version of the message template library, which every creditor shares",
        ["POST /api/outreach/templates/{id}/approve"] = "a version of the message template library, which every creditor shares (compliance officers approve)",
        ["POST /api/outreach/templates/{id}/retire"] = "a version of the message template library, which every creditor shares (compliance officers retire)",
        ["POST /api/outreach/sms/webhooks/{provider}"] = "an SMS provider's name; the call is anonymous and signature-checked",
        ["POST /api/outreach/sms/inbound/{provider}"] = "an SMS provider's name; the call is anonymous and signature-checked",
        ["POST /outreach/unsubscribe/{token}"] = "an HMAC token from an e-mail's List-Unsubscribe link; anonymous, and a token that does not match is a 404",
    };

    /// <summary>
    /// Every endpoint with an id: how to make what it acts on for a creditor, and who owns it (null: the creditor it was
    /// made for; "*": only staff working for every creditor, as for import runs, which a file may fill with any creditor's rows).
    /// </summary>
    private Dictionary<string, (Func<string, Task<IdorTarget>> Arrange, string? Owner)> Rows => new(StringComparer.Ordinal)
    {
        ["GET /api/accounts/{id}"] = (c => Target($"/api/accounts/{AccountOf(c)}"), null),
        ["GET /api/accounts/{id}/arrangements"] = (c => Target($"/api/accounts/{AccountOf(c)}/arrangements"), null),
        ["POST /api/accounts/{id}/arrangements"] = (c => Target($"/api/accounts/{AccountOf(c)}/arrangements", new { frequency = "monthly", amount = 100m, start = "2026-12-01" }), null),
        ["POST /api/accounts/{id}/arrangements/{planId}/activate"] = (async c =>
            new IdorTarget($"/api/accounts/{AccountOf(c)}/arrangements/{await ProposeAsync(c, 100m, "proposed")}/activate"), null),
        ["POST /api/accounts/{id}/arrangements/{planId}/approve"] = (async c =>
            new IdorTarget($"/api/accounts/{AccountOf(c)}/arrangements/{await ProposeAsync(c, 5m, "awaiting_approval")}/approve"), null),
        ["POST /api/accounts/{id}/arrangements/{planId}/cancel"] = (async c =>
            new IdorTarget($"/api/accounts/{AccountOf(c)}/arrangements/{await ProposeAsync(c, 100m, "proposed")}/cancel", new { reason = "customer changed their mind" }), null),
        ["GET /api/accounts/{id}/balance"] = (c => Target($"/api/accounts/{AccountOf(c)}/balance"), null),
        ["GET /api/accounts/{id}/care"] = (c => Target($"/api/accounts/{AccountOf(c)}/care"), null),
        ["POST /api/accounts/{id}/care/notes"] = (c => Target($"/api/accounts/{AccountOf(c)}/care/notes", new { text = "Customer asked about the balance.", source = "note" }), null),
        ["GET /api/accounts/{id}/care/vulnerability"] = (c => Target($"/api/accounts/{AccountOf(c)}/care/vulnerability"), null),
        ["GET /api/care/items/{id}"] = (async c => new IdorTarget($"/api/care/items/{await CareItemAsync(c, "I want to make a formal complaint.")}"), null),
        ["POST /api/care/items/{id}/resolve"] = (async c => new IdorTarget($"/api/care/items/{await CareItemAsync(c, "I want to make a formal complaint.")}/resolve",
            new { resolution = "dismiss", reason = "asking how to pay, not complaining" }), null),
        ["POST /api/care/vulnerability/{id}/confirm"] = (async c => new IdorTarget($"/api/care/vulnerability/{await VulnerabilityRecordAsync(c)}/confirm", new
        {
            consent = new { givenBy = "the customer", givenAt = "2026-11-01T10:00:00Z", how = "by phone, call recorded", agreedTo = "record my job loss and give me more time" },
            reason = "customer agreed on the phone",
        }), null),
        ["GET /api/accounts/{id}/contact-eligibility"] = (c => Target($"/api/accounts/{AccountOf(c)}/contact-eligibility"), null),
        ["GET /api/accounts/{id}/contact-preferences"] = (c => Target($"/api/accounts/{AccountOf(c)}/contact-preferences"), null),
        ["PUT /api/accounts/{id}/contact-preferences"] = (c => Target($"/api/accounts/{AccountOf(c)}/contact-preferences", new
        {
            preferences = new { channels = Array.Empty<object>(), allowedDays = Array.Empty<string>(), allowedFrom = "09:00:00", allowedTo = "17:00:00", inconvenientTimes = Array.Empty<object>() },
            reason = "works nights",
        }), null),
        ["GET /api/accounts/{id}/contacts"] = (c => Target($"/api/accounts/{AccountOf(c)}/contacts"), null),
        ["POST /api/accounts/{id}/contacts"] = (c => Target($"/api/accounts/{AccountOf(c)}/contacts", new { channel = "call", address = "+14155550142", idempotencyKey = $"idor-call-{c}" }), null),
        ["POST /api/accounts/{id}/contacts/{contactId}/outcomes"] = (async c =>
            new IdorTarget($"/api/accounts/{AccountOf(c)}/contacts/{await ContactAsync(c)}/outcomes", new { outcome = "no_answer" }), null),
        ["POST /api/accounts/{id}/holds"] = (c => Target($"/api/accounts/{AccountOf(c)}/holds", new { type = "dispute", reason = "disputes the balance" }), null),
        ["GET /api/accounts/{id}/income-expenditure"] = (async c =>
        {
            await _world.Scopes.RunAsync<CaptureIncomeExpenditureRequest, IncomeExpenditureView>(Admin, Statement(AccountOf(c), c));
            return new IdorTarget($"/api/accounts/{AccountOf(c)}/income-expenditure");
        }, null),
        ["PUT /api/accounts/{id}/income-expenditure"] = (c => Target($"/api/accounts/{AccountOf(c)}/income-expenditure", new
        {
            standard = "uk_sfs",
            currency = CurrencyOf(c),
            household = new { adults = 1, dependants = 0 },
            lines = new[] { new { category = "earnings", monthly = 1500m } },
        }), null),
        ["GET /api/accounts/{id}/messages"] = (c => Target($"/api/accounts/{AccountOf(c)}/messages"), null),
        ["POST /api/accounts/{id}/messages/send-now"] = (async c => new IdorTarget($"/api/accounts/{await UndisputedAccountAsync(c)}/messages/send-now", new { channel = "letter", purpose = "reminder", reason = "asked for a letter", idempotencyKey = $"idor-now-{c}" }), null),
        ["GET /api/accounts/{id}/ledger"] = (c => Target($"/api/accounts/{AccountOf(c)}/ledger"), null),
        ["POST /api/accounts/{id}/ledger/{entryId}/reversal"] = (async c =>
            new IdorTarget($"/api/accounts/{AccountOf(c)}/ledger/{await PayAsync(c)}/reversal", new { reason = "the transfer bounced" }), null),
        ["GET /api/accounts/{id}/offers"] = (c => Target($"/api/accounts/{AccountOf(c)}/offers"), null),
        ["POST /api/accounts/{id}/payments"] = (c => Target($"/api/accounts/{AccountOf(c)}/payments", new { amount = 25.00m, currency = CurrencyOf(c), method = "card" }), null),
        ["GET /api/accounts/{id}/scores"] = (c => Target($"/api/accounts/{AccountOf(c)}/scores"), null),
        ["POST /api/accounts/{id}/simulate"] = (c => Target($"/api/accounts/{AccountOf(c)}/simulate", new { amount = 100m, frequency = "monthly", start = "2026-12-01" }), null),
        ["GET /api/creditors/{id}/contact-budget"] = (c => Target($"/api/creditors/{_world.Creditors[c]}/contact-budget"), null),
        ["PUT /api/creditors/{id}/contact-budget"] = (c => Target($"/api/creditors/{_world.Creditors[c]}/contact-budget", new
        {
            budget = new { callsPer7Days = 3 },
            reason = "fewer calls",
        }), null),
        ["PUT /api/creditors/{id}/policy"] = (c => Target($"/api/creditors/{_world.Creditors[c]}/policy", new { graceDays = 9 }), null),
        ["POST /api/holds/{id}/end"] = (async c =>
        {
            var hold = await _world.Scopes.RunAsync<PlaceHoldRequest, HoldView>(Admin, new PlaceHoldRequest(AccountOf(c), HoldType.Hardship, "lost their job", ResumesAutomatically: false));
            return new IdorTarget($"/api/holds/{hold.Id}/end", new { reason = "back at work" });
        }, null),
        ["GET /api/accounts/{id}/planned-contacts"] = (c => Target($"/api/accounts/{AccountOf(c)}/planned-contacts"), null),
        ["POST /api/outreach/planned/{id}/retry"] = (async c => new IdorTarget($"/api/outreach/planned/{await DeadLetters.MakeAsync(_world.Factory.Services, AccountOf(c), $"idor-{c}-{++_deadLetters}")}/retry",
            new { reason = "the mail server is back" }), null),
        ["POST /api/call-tasks/{id}/complete"] = (async c => new IdorTarget($"/api/call-tasks/{await CallTaskAsync(c)}/complete",
            new { number = "+14155550142", outcome = "no_answer", idempotencyKey = $"idor-call-task-{c}" }), null),
        ["GET /api/imports/{id}"] = (async _ => new IdorTarget($"/api/imports/{await ImportRunAsync()}"), "*"),
        ["GET /api/imports/{id}/rejects"] = (async _ => new IdorTarget($"/api/imports/{await ImportRunAsync()}/rejects"), "*"),
        // A member of staff who works for the creditor: an admin of another creditor may not re-scope or disable them or end their sessions.
        ["PUT /api/staff/{id}/creditors"] = (async c => new IdorTarget($"/api/staff/{await StaffOfAsync(c)}/creditors", new { creditors = new[] { _world.Creditors[c].Value } }), null),
        ["POST /api/staff/{id}/disable"] = (async c => new IdorTarget($"/api/staff/{await StaffOfAsync(c)}/disable"), null),
        ["POST /api/staff/{id}/enable"] = (async c => new IdorTarget($"/api/staff/{await StaffOfAsync(c)}/enable"), null),
        ["POST /api/staff/{id}/revoke-sessions"] = (async c => new IdorTarget($"/api/staff/{await StaffOfAsync(c)}/revoke-sessions"), null),
    };

    [Theory]
    [DatabaseProviders]
    public async Task Every_endpoint_with_an_id_answers_another_creditors_staff_as_if_the_id_did_not_exist(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var rows = Rows;
        var withIds = await EndpointsWithIdsAsync();
        var uncovered = withIds.Where(e => !rows.ContainsKey(e) && !NotACreditorsData.ContainsKey(e)).ToList();
        uncovered.ShouldBeEmpty("endpoints with an id that the IDOR matrix does not cover; add a row (or say why the id names no creditor's data)");
        rows.Keys.Where(k => !withIds.Contains(k)).ShouldBeEmpty("rows for endpoints the OpenAPI document no longer has");

        var allowedRoles = EndpointCatalogue.Secured(_world.Factory.Services)
            .ToDictionary(p => $"{p.Method} {p.Pattern}", p => p.AllowedRoles ?? new HashSet<string>(), StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (endpoint, (arrange, owner)) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)]);
            var allowed = allowedRoles[endpoint];
            foreach (var (mine, theirs) in new[] { (Acme, Brit), (Brit, Acme) })
            {
                var target = await arrange(mine);
                var before = await _world.SnapshotAsync();
                foreach (var role in StaffRoles.All)
                {
                    using var outsider = _world.Factory.ClientFor([_world.Creditors[theirs].Value], $"{theirs.ToLowerInvariant()}-{role.ToLowerInvariant()}@parley", role);
                    using var response = await SendAsync(outsider, method, target);
                    var expected = allowed.Contains(role) ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
                    if (response.StatusCode != expected)
                    {
                        failures.Add($"{endpoint} on {mine}'s data as {theirs}'s {role}: {(int)response.StatusCode}, expected {(int)expected} — {await response.Content.ReadAsStringAsync(Ct)}");
                    }
                }

                if (await _world.SnapshotAsync() != before)
                {
                    failures.Add($"{endpoint} on {mine}'s data: another creditor's staff changed data");
                }

                // The same call by the owner's staff (an allowed role) succeeds: the 404s above were about scope.
                var role0 = StaffRoles.All.First(allowed.Contains);
                using var insider = owner == "*"
                    ? _world.Factory.ClientAsUser($"every-creditor-{role0.ToLowerInvariant()}@parley", role0)
                    : _world.Factory.ClientFor([_world.Creditors[mine].Value], $"{mine.ToLowerInvariant()}-{role0.ToLowerInvariant()}@parley", role0);
                using var own = await SendAsync(insider, method, target);
                if (!own.IsSuccessStatusCode)
                {
                    failures.Add($"{endpoint} on {mine}'s data as its own {role0}: {(int)own.StatusCode} — {await own.Content.ReadAsStringAsync(Ct)}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_plan_or_ledger_entry_of_another_creditor_is_not_found_under_ones_own_account(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var mine = AccountOf(Acme);
        var theirPlan = await ProposeAsync(Brit, 100m, "proposed");
        var theirEntry = await PayAsync(Brit);
        using var acme = _world.Factory.ClientFor([_world.Creditors[Acme].Value], "acme-admin@parley", StaffRoles.Admin);
        var before = await _world.SnapshotAsync();
        foreach (var target in new[]
        {
            new IdorTarget($"/api/accounts/{mine}/arrangements/{theirPlan}/activate"),
            new IdorTarget($"/api/accounts/{mine}/arrangements/{theirPlan}/cancel", new { reason = "not mine" }),
            new IdorTarget($"/api/accounts/{mine}/ledger/{theirEntry}/reversal", new { reason = "not mine" }),
        })
        {
            using var response = await SendAsync(acme, HttpMethod.Post, target);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, target.Url);
        }

        (await _world.SnapshotAsync()).ShouldBe(before);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Staff_with_no_creditor_get_404_for_every_account_and_see_no_imports(DatabaseProvider provider)
    {
        await StartAsync(provider);
        using var nobody = _world.Factory.ClientFor([], "nobody@parley", StaffRoles.Supervisor);
        (await nobody.GetAsync($"/api/accounts/{AccountOf(Acme)}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await nobody.GetAsync($"/api/imports/{await ImportRunAsync()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var search = await nobody.GetFromJsonAsync<JsonElement>("/api/accounts", Ct);
        search.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Through_the_page_path_the_account_pages_use_cases_refuse_another_creditors_staff_as_not_found(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var account = AccountOf(Acme);
        var hold = await _world.Scopes.RunAsync<PlaceHoldRequest, HoldView>(Admin, new PlaceHoldRequest(account, HoldType.Hardship, "lost their job", ResumesAutomatically: false));
        await _world.Scopes.RunAsync<CaptureIncomeExpenditureRequest, IncomeExpenditureView>(Admin, Statement(account, Acme));
        var scopes = _world.Scopes;
        // Each use case the account page runs, with the roles it admits (the role check comes first: 403 before 404).
        (string Name, string[] Roles, Func<Actor, Task> Call)[] accountPage =
        [
            ("GetAccountDetails", [.. StaffRoles.All], a => scopes.RunAsync<GetAccountDetailsRequest, AccountDetails>(a, new GetAccountDetailsRequest(account))),
            ("ReadLedger", [.. StaffRoles.All], a => scopes.RunAsync<ReadLedgerRequest, LedgerResponse>(a, new ReadLedgerRequest(account))),
            ("GetBalance", [.. StaffRoles.All], a => scopes.RunAsync<GetBalanceRequest, BalanceResponse>(a, new GetBalanceRequest(account))),
            ("GetAccountScores", [.. StaffRoles.All], a => scopes.RunAsync<GetAccountScoresRequest, AccountScores>(a, new GetAccountScoresRequest(account))),
            ("ListArrangements", [.. StaffRoles.All], a => scopes.RunAsync<ListArrangementsRequest, AccountArrangements>(a, new ListArrangementsRequest(account))),
            ("GetOfferPlans", [.. StaffRoles.All], a => scopes.RunAsync<GetOfferPlansRequest, AccountOfferPlans>(a, new GetOfferPlansRequest(account))),
            ("GetIncomeExpenditure", [.. StaffRoles.All], a => scopes.RunAsync<GetIncomeExpenditureRequest, IncomeExpenditureView>(a, new GetIncomeExpenditureRequest(account))),
            ("CheckContactEligibility", [.. StaffRoles.All], a => scopes.RunAsync<CheckContactEligibilityRequest, ContactCheck>(a, new CheckContactEligibilityRequest(account))),
            ("SimulateAccountPlan", [.. StaffRoles.All], a => scopes.RunAsync<SimulateAccountPlanRequest, SimulationResult>(a, new SimulateAccountPlanRequest(account, 100m, Frequency.Monthly, new NodaTime.LocalDate(2026, 12, 1), null))),
            ("EndHold", [StaffRoles.Supervisor, StaffRoles.Admin], a => scopes.RunAsync<EndHoldRequest, HoldView>(a, new EndHoldRequest(hold.Id, "back at work"))),
            ("RecordPayment", [.. StaffRoles.All], a => scopes.RunAsync<RecordPaymentRequest, PaymentResponse>(a, new RecordPaymentRequest(account, "idor-page-payment", 25.00m, "USD", PaymentMethod.Card))),
            ("ProposeArrangement", [.. StaffRoles.All], a => scopes.RunAsync<ProposeArrangementRequest, ArrangementView>(a, new ProposeArrangementRequest(account, new PlanShapeSpec.Fixed(), Frequency.Monthly, 100m, new NodaTime.LocalDate(2026, 12, 1)))),
            ("CaptureIncomeExpenditure", [.. StaffRoles.All], a => scopes.RunAsync<CaptureIncomeExpenditureRequest, IncomeExpenditureView>(a, Statement(account, Acme))),
            // Last: a dispute pauses collection, so the owner's proposal above comes first.
            ("PlaceHold", [.. StaffRoles.All], a => scopes.RunAsync<PlaceHoldRequest, HoldView>(a, new PlaceHoldRequest(account, HoldType.Dispute, "disputes the balance"))),
        ];

        var before = await _world.SnapshotAsync();
        foreach (var role in StaffRoles.All)
        {
            var brit = new StaffMember($"brit-{role}@parley", new HashSet<string> { role }, CreditorScope.Only([_world.Creditors[Brit]]));
            foreach (var (name, roles, call) in accountPage)
            {
                var refused = await Should.ThrowAsync<DomainException>(() => call(brit), $"{name} as Brit's {role}");
                refused.Error.Kind.ShouldBe(roles.Contains(role) ? ErrorKind.NotFound : ErrorKind.Forbidden, $"{name} as Brit's {role}: {refused.Error.Code}");
            }
        }

        (await _world.SnapshotAsync()).ShouldBe(before);
        foreach (var (name, roles, call) in accountPage)
        {
            var acme = new StaffMember($"acme-{roles[0]}@parley", new HashSet<string> { roles[0] }, CreditorScope.Only([_world.Creditors[Acme]]));
            await Should.NotThrowAsync(() => call(acme), $"{name} as Acme's own {roles[0]}");
        }
    }

    private static Task<IdorTarget> Target(string url, object? body = null) => Task.FromResult(new IdorTarget(url, body));

    /// <summary>An open Care item on the creditor's account, from a note Care reads (a second note joins the open item).</summary>
    private async Task<Guid> CareItemAsync(string creditor, string text)
    {
        await _world.Scopes.RunAsync<SubmitCareNoteRequest, CareReadingView>(Admin, new SubmitCareNoteRequest(AccountOf(creditor), text));
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var account = AccountOf(creditor);
        return scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Parley.Modules.Care.Domain.CareItem>()
            .Where(i => i.AccountId == account && i.Status == CareItemStatus.Open && i.Kind == CareItemKind.Complaint).Select(i => i.Id).Single();
    }

    /// <summary>A proposed vulnerability record on one more account of the creditor, from a note that shows job loss.</summary>
    private async Task<Guid> VulnerabilityRecordAsync(string creditor)
    {
        // Its own account: confirming places a vulnerability-review hold, which the rows after it must not meet.
        var account = await UndisputedAccountAsync(creditor);
        await _world.Scopes.RunAsync<SubmitCareNoteRequest, CareReadingView>(Admin, new SubmitCareNoteRequest(account, "I lost my job and can't cope"));
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Parley.Modules.Care.Domain.VulnerabilityRecord>()
            .Where(r => r.AccountId == account && r.Status == VulnerabilityStatus.Proposed).Select(r => r.Id).Single();
    }

    /// <summary>One more account of the creditor, with no hold: the matrix's own accounts are disputed by the time a message would go.</summary>
    private async Task<AccountId> UndisputedAccountAsync(string creditor)
    {
        var row = creditor == Acme
            ? "ACME-CARD,C-9,Edsger,Dijkstra,1930-05-11,en-US,9 Main St,,Boston,02110,US-MA,,,,,,,,,NOW-ACME,credit_card,,USD,400.00,,,,,45,,open,"
            : "BRIT-CARD,U-9,Ada,Byron,1980-12-10,en-GB,9 High St,,London,SW1A 2AA,GB-ENG,,,,,,,,,NOW-BRIT,personal_loan,,GBP,400.00,,,,,45,,open,";
        using var file = new MemoryStream(GuardedWorld.PlacementFile(row));
        await _world.Scopes.RunAsync<ImportPlacementsRequest, ImportRunSummary>(Admin, new ImportPlacementsRequest(file, $"now-{creditor}.csv", DryRun: false));
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var reference = creditor == Acme ? "NOW-ACME" : "NOW-BRIT";
        return scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Parley.Modules.Accounts.Domain.Account>().Single(a => a.CreditorReference == reference).Id;
    }

    private static CaptureIncomeExpenditureRequest Statement(AccountId account, string creditor) =>
        new(account, StatementStandard.UkSfs, CurrencyOf(creditor), new HouseholdInput(1, 0), [new StatementLineInput("earnings", 1500m)], []);

    private async Task<ArrangementId> ProposeAsync(string creditor, decimal amount, string status)
    {
        var plan = await _world.Scopes.RunAsync<ProposeArrangementRequest, ArrangementView>(Admin,
            new ProposeArrangementRequest(AccountOf(creditor), new PlanShapeSpec.Fixed(), Frequency.Monthly, amount, new NodaTime.LocalDate(2026, 12, 1)));
        plan.Status.ShouldBe(status, $"a plan of {amount} a month on {creditor}'s account");
        return plan.Id;
    }

    private int _contacts;

    private async Task<Guid> ContactAsync(string creditor) =>
        (await _world.Scopes.RunAsync<RecordContactAttemptRequest, ContactAttemptView>(Admin,
            new RecordContactAttemptRequest(AccountOf(creditor), ContactChannel.Call, "+14155550142", $"idor-contact-{creditor}-{++_contacts}"))).Id.Value;

    /// <summary>A call task on the creditor's account, as the sender makes one for a call step.</summary>
    private async Task<Guid> CallTaskAsync(string creditor)
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<NodaTime.IClock>().GetCurrentInstant();
        var task = new Parley.Modules.Outreach.Calls.CallTask(PlannedContactId.New(), AccountOf(creditor), _world.Creditors[creditor], "the ladder's call step", now, now + NodaTime.Duration.FromHours(1), "America/New_York", null, now);
        db.Add(task);
        await db.SaveChangesAsync();
        return task.Id.Value;
    }

    private int _deadLetters;

    private int _payments;

    private async Task<Guid> PayAsync(string creditor)
    {
        var paid = await _world.Scopes.RunAsync<RecordPaymentRequest, PaymentResponse>(Admin,
            new RecordPaymentRequest(AccountOf(creditor), $"idor-{creditor}-{++_payments}", 10.00m, CurrencyOf(creditor), PaymentMethod.BankTransfer));
        return paid.Entry.Id;
    }

    private int _staff;

    private async Task<string> StaffOfAsync(string creditor) =>
        (await _world.Scopes.RunAsync<NewStaffUser, StaffUserSummary>(Admin, new NewStaffUser($"idor-staff-{++_staff}@parley.test", "IDOR Agent",
            "a-long-staff-password", [StaffRoles.Agent], [_world.Creditors[creditor].Value]))).Id;

    private async Task<Guid> ImportRunAsync() =>
        (await _world.Scopes.RunAsync<ListImportsRequest, ImportRunPage>(Admin, new ListImportsRequest())).Items[0].Id;

    private int _keys;

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, IdorTarget target)
    {
        using var request = new HttpRequestMessage(method, target.Url);
        if (target.Body is not null)
        {
            request.Content = JsonContent.Create(target.Body);
        }

        // A payment needs its own key per attempt, so a refusal is never mistaken for a replay.
        request.Headers.Add("Idempotency-Key", $"idor-{++_keys}");
        return await client.SendAsync(request, Ct);
    }

    /// <summary>"METHOD /path" for every operation of the OpenAPI document whose path carries a parameter.</summary>
    private async Task<HashSet<string>> EndpointsWithIdsAsync()
    {
        using var anonymous = _world.Factory.ClientAs();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/api/openapi/v1.json", Ct);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.Contains('{', StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                found.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
            }
        }

        return found;
    }
}
