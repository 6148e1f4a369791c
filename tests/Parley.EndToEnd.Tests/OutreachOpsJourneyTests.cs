using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.EndToEnd.Tests;

/// <summary>A supervisor opens Outreach in Ops: the day's counts per channel, a message Parley gave up on, and retries it with a reason.</summary>
public sealed class OutreachOpsJourneyTests
{
    public OutreachOpsJourneyTests() => Assertions.SetDefaultExpectTimeout(45_000);

    [Fact]
    public async Task A_supervisor_sees_the_days_counts_and_a_dead_letter_retries_it_with_a_reason_and_it_leaves_the_list()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("ops.csv", $"{PlacementCsv.Header}\r\n{PlacementCsv.AdaLovelace}\r\n")).RowsAccepted.ShouldBe(1L);
        var account = await AccountIdAsync(staff.Factory.Services, "ACC-1001");
        await PlanTodayAsync(staff.Factory.Services);
        var planned = await PlannedAsync(staff.Factory.Services, account);
        var dead = await DeadLetterAsync(staff.Factory.Services, account);
        await staff.CreateStaffAsync("sam.supervisor@parley.test", StaffRoles.Supervisor);

        await staff.WalkAsync("outreach-ops", async page =>
        {
            await staff.SignInAtAsync("/outreach", "sam.supervisor@parley.test");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Outreach", Exact = true })).ToBeVisibleAsync();
            var overview = page.GetByTestId("outreach-overview");
            await Assertions.Expect(overview).ToHaveAttributeAsync("data-interactive", "true");

            // The plan's contact counts on its channel, in its column; the dead letter's channel counts it as given up.
            var row = overview.Locator($"[data-testid=channel-row][data-channel={planned.Channel.Name()}]");
            await Assertions.Expect(row.GetByTestId(planned.Status == PlannedContactStatus.Planned ? "count-planned" : "count-blocked")).ToHaveTextAsync("1");
            await Assertions.Expect(page.GetByTestId("day-plan").GetByTestId("planned-contact")).ToHaveCountAsync(2);

            var deadLetter = page.GetByTestId("dead-letter");
            await Assertions.Expect(deadLetter).ToHaveCountAsync(1);
            await Assertions.Expect(deadLetter.GetByTestId("dead-letter-error")).ToHaveTextAsync("the mail server refused the message");
            await Assertions.Expect(deadLetter.GetByTestId("dead-letter-at")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d{4}"));
            await Assertions.Expect(deadLetter.GetByRole(AriaRole.Link, new() { Name = "ACC-1001" })).ToHaveAttributeAsync("href", $"/accounts/{account}");

            await deadLetter.GetByTestId("retry").ClickAsync();
            var form = page.GetByTestId("retry-form");
            await Assertions.Expect(form.GetByTestId("retry-confirm")).ToBeDisabledAsync();
            await Assertions.Expect(form.GetByTestId("why-disabled")).ToHaveTextAsync("Say why it can be sent now.");
            await form.GetByLabel("Why retry now (what was put right)").FillAsync("the mail server is back");
            await form.GetByTestId("retry-confirm").ClickAsync();

            await Assertions.Expect(page.GetByTestId("retry-result")).ToContainTextAsync("is back in the plan, due now");
            await Assertions.Expect(page.GetByTestId("dead-letter")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("dead-letter-total")).ToContainTextAsync("None");
            await staff.ScreenshotAsync("outreach-ops.png", fullPage: true);
        });

        await using var scope = staff.Factory.Services.CreateAsyncScope();
        var retried = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<PlannedContact>().SingleAsync(p => p.Id == dead);
        retried.Status.ShouldBe(PlannedContactStatus.Planned);
        retried.Attempts.ShouldBe(0);
        retried.Reasons[^1].ShouldStartWith("retried by sam.supervisor@parley.test at ");
        retried.Reasons[^1].ShouldEndWith("the mail server is back");
    }

    [Fact]
    public async Task A_compliance_officer_sees_the_page_but_the_retry_says_only_a_supervisor_or_admin_may()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("ops.csv", $"{PlacementCsv.Header}\r\n{PlacementCsv.AdaLovelace}\r\n")).RowsAccepted.ShouldBe(1L);
        await DeadLetterAsync(staff.Factory.Services, await AccountIdAsync(staff.Factory.Services, "ACC-1001"));
        await staff.CreateStaffAsync("cora.compliance@parley.test", StaffRoles.Compliance);

        await staff.WalkAsync("outreach-ops-compliance", async page =>
        {
            await staff.SignInAtAsync("/outreach", "cora.compliance@parley.test");
            var deadLetter = page.GetByTestId("dead-letter");
            await Assertions.Expect(deadLetter).ToHaveCountAsync(1);
            await Assertions.Expect(deadLetter.GetByTestId("retry")).ToBeDisabledAsync();
            await Assertions.Expect(deadLetter.GetByTestId("why-disabled")).ToHaveTextAsync("Only a supervisor or an admin can retry a message.");
        });
    }

    /// <summary>Plans today for every account, as the planning job does.</summary>
    internal static async Task PlanTodayAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IUseCase<PlanOutreachRequest, OutreachPlanSummary>>().HandleAsync(Actor.System("test planner"), new PlanOutreachRequest(), CancellationToken.None);
    }

    /// <summary>A dead letter on the account, as the sender leaves one when the mail server refuses a message for good.</summary>
    internal static async Task<PlannedContactId> DeadLetterAsync(IServiceProvider services, AccountId account)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var owner = await scope.ServiceProvider.GetRequiredService<IAccountOwners>().GetAsync(account, CancellationToken.None);
        var now = scope.ServiceProvider.GetRequiredService<NodaTime.IClock>().GetCurrentInstant();
        var contact = new PlannedContact($"plan:{account}:dead-letter", account, owner!.CreditorId, owner.CustomerId, OutreachStep.Reminder, 1, ContactChannel.Email,
            MessageTone.Supportive, "en", now, "America/New_York", ["step reminder: 2 day(s) after the validation notice"], now);
        contact.DeadLetter("the mail server refused the message", now);
        db.Add(contact);
        await db.SaveChangesAsync();
        return contact.Id;
    }

    private static async Task<PlannedContact> PlannedAsync(IServiceProvider services, AccountId account)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<PlannedContact>().AsNoTracking().SingleAsync(p => p.AccountId == account);
    }

    private static async Task<AccountId> AccountIdAsync(IServiceProvider services, string accountRef)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == accountRef)).Id;
    }
}
