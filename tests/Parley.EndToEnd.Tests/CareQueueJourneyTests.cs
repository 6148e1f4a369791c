using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Care.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// A supervisor works the Care queue in a browser: the customer's own words are marked on the validation task, which
/// completed with a reason ends the dispute hold; a proposed vulnerability record is confirmed with the customer's consent.
/// </summary>
public sealed class CareQueueJourneyTests
{
    private static readonly Actor Admin = Staff.Acting("setup@parley", StaffRoles.Admin);

    public CareQueueJourneyTests() => Assertions.SetDefaultExpectTimeout(45_000);

    [Fact]
    public async Task A_supervisor_completes_a_validation_task_and_confirms_a_vulnerability_with_consent()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("care.csv", $"{PlacementCsv.Header}\r\n{PlacementCsv.AdaLovelace}\r\n")).RowsAccepted.ShouldBe(1L);
        var account = await AccountIdAsync(staff.Factory.Services, "ACC-1001");
        await NoteAsync(staff.Factory.Services, account, "This isn't my debt. I never had a card with you.");
        await NoteAsync(staff.Factory.Services, account, "I lost my job in March and I can't cope with the letters.");
        (await ActiveHoldsAsync(staff.Factory.Services, account)).ShouldContain(HoldType.Dispute);
        await staff.CreateStaffAsync("sam.supervisor@parley.test", StaffRoles.Supervisor);

        await staff.WalkAsync("care-queue", async page =>
        {
            await staff.SignInAtAsync("/care", "sam.supervisor@parley.test");
            await Assertions.Expect(page.GetByTestId("care-queue")).ToHaveAttributeAsync("data-interactive", "true");
            await staff.ScreenshotAsync("care-queue.png", fullPage: true);

            var task = page.Locator("[data-testid=care-item][data-kind=ValidationTask]");
            await Assertions.Expect(task).ToHaveCountAsync(1);
            await Assertions.Expect(task.Locator("mark").First).ToContainTextAsync("isn't my debt");
            await Assertions.Expect(task.GetByRole(AriaRole.Link, new() { Name = "ACC-1001" })).ToHaveAttributeAsync("href", $"/accounts/{account}");
            await Assertions.Expect(task.GetByTestId("care-complete")).ToBeDisabledAsync();
            await task.GetByLabel("Reason").FillAsync("Verification and a copy of the agreement sent by post");
            await task.GetByTestId("care-complete").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=care-item][data-kind=ValidationTask]")).ToHaveCountAsync(0);

            var vulnerability = page.Locator("[data-testid=care-item][data-kind=Vulnerability]");
            await Assertions.Expect(vulnerability).ToHaveCountAsync(1);
            var confirm = vulnerability.GetByRole(AriaRole.Button, new() { Name = "Confirm with consent" });
            await vulnerability.GetByLabel("Reason").FillAsync("Spoke to Ada; she lost her job in March");
            await Assertions.Expect(confirm).ToBeDisabledAsync();
            await vulnerability.GetByLabel("Who gave consent").FillAsync("Ada Lovelace");
            await vulnerability.GetByLabel("How (e.g. by phone, call recorded)").FillAsync("by phone, call recorded");
            await vulnerability.GetByLabel("What they agreed to").FillAsync("that we record her job loss to give her more time");
            await confirm.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=care-item][data-kind=Vulnerability]")).ToHaveCountAsync(0);
        });

        var holds = await ActiveHoldsAsync(staff.Factory.Services, account);
        holds.ShouldNotContain(HoldType.Dispute);
        holds.ShouldContain(HoldType.VulnerabilityReview);
        await using var scope = staff.Factory.Services.CreateAsyncScope();
        var record = (await scope.ServiceProvider.GetRequiredService<IUseCase<GetVulnerabilityRecordRequest, IReadOnlyList<VulnerabilityRecordView>>>()
            .HandleAsync(Admin, new GetVulnerabilityRecordRequest(account), CancellationToken.None)).ShouldHaveSingleItem();
        record.Status.ShouldBe(VulnerabilityStatus.Confirmed);
        record.Consent!.GivenBy.ShouldBe("Ada Lovelace");
    }

    [Fact]
    public async Task An_agent_writes_down_what_a_customer_said_on_a_call_and_Care_places_a_dispute_hold_with_the_words_marked()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("care.csv", $"{PlacementCsv.Header}\r\n{PlacementCsv.AdaLovelace}\r\n")).RowsAccepted.ShouldBe(1L);
        var account = await AccountIdAsync(staff.Factory.Services, "ACC-1001");
        await staff.CreateStaffAsync("alex.agent@parley.test", StaffRoles.Agent);

        await staff.WalkAsync("care-note", async page =>
        {
            await staff.SignInAtAsync($"/accounts/{account}", "alex.agent@parley.test");
            var card = page.GetByTestId("care-card");
            await Assertions.Expect(card).ToContainTextAsync("Care has read nothing from this customer yet.");
            await Assertions.Expect(card.GetByTestId("care-note-submit")).ToBeDisabledAsync();
            await card.GetByLabel("The customer's words").FillAsync("She rang and said: this isn't my debt, I never had a card with you.");
            await card.GetByTestId("care-note-submit").ClickAsync();

            await Assertions.Expect(card.GetByTestId("care-note-result")).ToContainTextAsync("dispute");
            await Assertions.Expect(card.GetByTestId("care-reading").Locator("mark").First).ToContainTextAsync("isn't my debt");
            await Assertions.Expect(card.Locator("[data-testid=care-open-item][data-kind=ValidationTask]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("holds")).ToContainTextAsync("Dispute");
            await staff.ScreenshotAsync("care-note.png", fullPage: true);
        });

        (await ActiveHoldsAsync(staff.Factory.Services, account)).ShouldContain(HoldType.Dispute);
    }

    [Fact]
    public async Task A_flag_only_the_model_raised_under_the_acting_probability_is_shown_as_not_acted_on_and_its_words_are_underlined_not_filled()
    {
        const string said = "I opened the letter and the balance looks odd. I want to complain about the calls.";
        await using var staff = await StaffBrowser.StartAsync("UTC", services: s => s.AddSingleton<ICareClassifier>(new WeakDisputeClassifier()));
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("care.csv", $"{PlacementCsv.Header}\r\n{PlacementCsv.AdaLovelace}\r\n")).RowsAccepted.ShouldBe(1L);
        var account = await AccountIdAsync(staff.Factory.Services, "ACC-1001");

        await staff.WalkAsync("care-not-acted-on", async page =>
        {
            await staff.SignInAtAsync($"/accounts/{account}");
            var card = page.GetByTestId("care-card");
            await card.GetByLabel("The customer's words").FillAsync(said);
            await card.GetByTestId("care-note-submit").ClickAsync();

            await Assertions.Expect(card.GetByTestId("care-note-result")).ToHaveTextAsync(
                "Care read it and flagged: complaint. Shown for you to judge, not acted on: dispute. What it did is below and in the holds.");
            var reading = card.GetByTestId("care-reading");
            await Assertions.Expect(reading.Locator("[data-testid=care-flag][data-shown-only=true]")).ToHaveTextAsync("dispute? · model 5 % · not acted on");
            await Assertions.Expect(reading.Locator("[data-testid=care-flag][data-shown-only=false]")).ToHaveTextAsync("complaint · rule");
            await Assertions.Expect(reading.Locator("mark.care-shown-only")).ToHaveTextAsync("balance");
            await Assertions.Expect(reading.Locator("mark:not(.care-shown-only)")).ToHaveTextAsync("complain");
            // Underlined, not filled: the words of a flag that moved nothing do not look like those that placed a hold.
            (await reading.Locator("mark.care-shown-only").EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor")).ShouldBe("rgba(0, 0, 0, 0)");
            await Assertions.Expect(card.Locator("[data-testid=care-open-item][data-kind=ValidationTask]")).ToHaveCountAsync(0);
            await staff.ScreenshotAsync("care-not-acted-on.png", fullPage: true);
        });

        (await ActiveHoldsAsync(staff.Factory.Services, account)).ShouldNotContain(HoldType.Dispute);
    }

    /// <summary>An agent's note read by Care, as a reply from the customer would be.</summary>
    private static async Task NoteAsync(IServiceProvider services, AccountId account, string text)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IUseCase<SubmitCareNoteRequest, CareReadingView>>()
            .HandleAsync(Admin, new SubmitCareNoteRequest(account, text), CancellationToken.None);
    }

    private static async Task<List<HoldType>> ActiveHoldsAsync(IServiceProvider services, AccountId account)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Hold>()
            .Where(h => h.AccountId == account && h.EndedAt == null).Select(h => h.Type).ToListAsync();
    }

    private static async Task<AccountId> AccountIdAsync(IServiceProvider services, string accountRef)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == accountRef)).Id;
    }

    /// <summary>
    /// A classification fixed in advance (the true seam: the shipped model's scores move with each retrain): a dispute only the
    /// model raised, at 5 %, on "balance", and a complaint a rule matched on "complain".
    /// </summary>
    private sealed class WeakDisputeClassifier : ICareClassifier
    {
        public string ModelVersion => "fixed";

        public CareClassification Classify(CareText text)
        {
            static Evidence On(string text, CareLabel label, string phrase, string rule) =>
                new(label, CareLabels.Code(label), text.IndexOf(phrase, StringComparison.Ordinal), phrase.Length, phrase, rule);

            return new(
                text.Text, new Signal(0.05, true, SignalSource.Model), new Signal(0, false, SignalSource.None), new Signal(0, false, SignalSource.None),
                [.. CareLabels.Intents.Select(l => l == CareLabel.Complaint ? new LabelSignal(l, CareLabels.Code(l), 1, true, SignalSource.Rule) : new LabelSignal(l, CareLabels.Code(l), 0, false, SignalSource.None))],
                [.. CareLabels.Vulnerabilities.Select(l => new LabelSignal(l, CareLabels.Code(l), 0, false, SignalSource.None))],
                [], [On(text.Text, CareLabel.Dispute, "balance", "model"), On(text.Text, CareLabel.Complaint, "complain", "complaint-phrase")], ModelVersion, false);
        }
    }
}
