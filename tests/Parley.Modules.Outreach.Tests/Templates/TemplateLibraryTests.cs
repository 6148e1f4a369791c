using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Templates;
using Parley.Modules.Outreach.UseCases;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Outreach.Tests.Templates;

/// <summary>The library on both providers: versions and approval, the refusals, the renderer on a made account, the default library.</summary>
public sealed class TemplateLibraryTests
{
    private static readonly Actor Compliance = Staff.Acting("compliance@parley", StaffRoles.Compliance);
    private static readonly Actor Admin = Staff.Acting("admin@parley", StaffRoles.Admin);
    private static readonly TemplateKey SmsReminder = new(MessagePurpose.Reminder, ContactChannel.Sms, "en", MessageTone.Supportive);
    private const string GoodSms = "Hi {{ customer.first_name }}, {{ account.balance }} is owed to {{ creditor.name }}. {% disclosure 'debt-collector' %} {% disclosure 'electronic-opt-out' %}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TResult> RunAsync<TRequest, TResult>(TestDatabase database, Actor actor, TRequest request)
        where TRequest : notnull
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<TRequest, TResult>>().HandleAsync(actor, request, Ct);
    }

    private static Task<TemplateVersionView> DraftAsync(TestDatabase database, string body, TemplateKey? key = null, Actor? actor = null) =>
        RunAsync<SaveTemplateDraftRequest, TemplateVersionView>(database, actor ?? Staff.Supervisor, new SaveTemplateDraftRequest(key ?? SmsReminder, "Kind reminder", null, body));

    private static Task<TemplateVersionView> ApproveAsync(TestDatabase database, MessageTemplateId id, Actor? actor = null) =>
        RunAsync<ApproveTemplateRequest, TemplateVersionView>(database, actor ?? Compliance, new ApproveTemplateRequest(id));

    private static async Task<RenderedMessage> RenderAsync(TestDatabase database, TemplateKey key, AccountId account)
    {
        await using var scope = database.Scope();
        var now = scope.ServiceProvider.GetRequiredService<IClock>().GetCurrentInstant();
        return await scope.ServiceProvider.GetRequiredService<IMessageRenderer>().RenderAsync(key, account, now, Ct);
    }

    /// <summary>
    /// A Pennsylvania account charged off on 30 June 2026 owing 950.00 on that statement, placed at 1,000.00 (800
    /// principal, 150 interest, 50 fees) and paid 100.00 since (fees, then interest: 100.00 of interest left).
    /// </summary>
    private static async Task<(AccountId Account, CreditorId Creditor)> MadeAccountAsync(TestDatabase database, string code = "ACME", string reference = "D-1")
    {
        AccountId id;
        CreditorId creditorId;
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var creditor = OutreachTestData.Creditor(code);
            var customer = new Customer(creditor.Id, $"C-{reference}", new PersonName("Jane", "Doe"), new LocalDate(1980, 5, 17), "en-US");
            customer.AddAddress(new PostalAddress("1 Main St", null, "Philadelphia", "19103", Jurisdiction.Parse("US-PA"), "America/New_York"));
            var account = new Account(creditor.Id, customer.Id, reference,
                new AccountTerms(Currency.USD, ProductType.CreditCard, "First Card Co", new LocalDate(2026, 6, 30), null, 120, null, AccountStatus.Open),
                Instant.FromUtc(2026, 10, 1, 12, 0));
            account.RecordStatements(StatementHistory.Of([new MonthlyStatement(new LocalDate(2026, 5, 31), 900_00, 25_00, 0, 90), new MonthlyStatement(new LocalDate(2026, 6, 30), 950_00, 30_00, 0, 120)]));
            db.AddRange(creditor, customer, account);
            await db.SaveChangesAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync(
                [new PlacementBalance(account.Id, Currency.USD, AllocationWaterfall.Default, 800_00, 150_00, 50_00, Instant.FromUtc(2026, 10, 1, 12, 0), $"placement-{reference}")], Ct);
            (id, creditorId) = (account.Id, creditor.Id);
        }

        await RunAsync<RecordPaymentRequest, PaymentResponse>(database, Staff.Agent, new RecordPaymentRequest(id, $"pay-{reference}", 100m, "USD", PaymentMethod.Card));
        return (id, creditorId);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Editing_an_approved_template_makes_a_new_draft_and_approving_it_retires_the_old_version(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var v1 = await DraftAsync(database, GoodSms);
        v1.Version.ShouldBe(1);
        v1.Status.ShouldBe(TemplateStatus.Draft);
        var edited = await DraftAsync(database, GoodSms.Replace("Hi", "Hello", StringComparison.Ordinal));
        (edited.Id, edited.Version).ShouldBe((v1.Id, 1)); // a draft is edited in place
        var approved = await ApproveAsync(database, v1.Id);
        (approved.Status, approved.ApprovedBy).ShouldBe((TemplateStatus.Approved, "compliance@parley"));

        var v2 = await DraftAsync(database, GoodSms.Replace("Hi", "Dear", StringComparison.Ordinal));
        (v2.Version, v2.Status).ShouldNotBe((1, TemplateStatus.Draft));
        v2.Version.ShouldBe(2);
        var details = await RunAsync<GetTemplateRequest, TemplateDetails>(database, Staff.Agent, new GetTemplateRequest(v1.Id));
        details.Versions.Select(v => (v.Version, v.Status)).ShouldBe([(2, TemplateStatus.Draft), (1, TemplateStatus.Approved)]);
        details.Template.Body.ShouldStartWith("Hello"); // the approved version is untouched by the new draft

        await ApproveAsync(database, v2.Id);
        details = await RunAsync<GetTemplateRequest, TemplateDetails>(database, Staff.Agent, new GetTemplateRequest(v2.Id));
        details.Versions.Select(v => (v.Version, v.Status)).ShouldBe([(2, TemplateStatus.Approved), (1, TemplateStatus.Retired)]);
        details.Versions[1].RetiredBy.ShouldBe("compliance@parley");

        var list = await RunAsync<ListTemplatesRequest, IReadOnlyList<TemplateSummaryView>>(database, Staff.Agent, new ListTemplatesRequest(Channel: ContactChannel.Sms, Language: "en"));
        list.Where(s => s.Key == SmsReminder).ShouldHaveSingleItem().ApprovedVersion.ShouldBe(2);

        // An approved version is not approved again, nor edited: the next save is version 3.
        (await Should.ThrowAsync<DomainException>(() => ApproveAsync(database, v2.Id))).Error.ShouldBeOfType<TemplateNotADraft>();
        (await DraftAsync(database, GoodSms)).Version.ShouldBe(3);

        // Retiring the approved version leaves the key with nothing to send.
        var (account, _) = await MadeAccountAsync(database);
        (await RenderAsync(database, SmsReminder, account)).TemplateVersion.ShouldBe(2);
        await RunAsync<RetireTemplateRequest, TemplateVersionView>(database, Compliance, new RetireTemplateRequest(v2.Id));
        (await Should.ThrowAsync<DomainException>(() => RenderAsync(database, SmsReminder, account))).Error.ShouldBeOfType<NoApprovedTemplate>();
    }

    [Fact]
    public void An_approved_version_refuses_an_edit()
    {
        var template = new MessageTemplate(SmsReminder, 1, "Kind reminder", null, GoodSms, "supervisor@parley", Instant.FromUtc(2026, 12, 1, 9, 0));
        template.Approve("compliance@parley", Instant.FromUtc(2026, 12, 1, 10, 0));
        Should.Throw<DomainException>(() => template.Edit("Changed", null, "changed", "supervisor@parley", Instant.FromUtc(2026, 12, 1, 11, 0)))
            .Error.ShouldBeOfType<TemplateNotEditable>();
        template.Body.ShouldBe(GoodSms);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Approval_is_for_compliance_officers_and_refuses_a_template_whose_check_fails(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var noOptOut = await DraftAsync(database, "Hi {{ customer.first_name }}. {% disclosure 'debt-collector' %}");

        foreach (var actor in new[] { Staff.Agent, Staff.Supervisor, Admin })
        {
            var refused = await Should.ThrowAsync<DomainException>(() => ApproveAsync(database, noOptOut.Id, actor));
            refused.Error.ShouldBeOfType<ActorNotAllowed>().Kind.ShouldBe(ErrorKind.Forbidden);
        }

        var missing = (await Should.ThrowAsync<DomainException>(() => ApproveAsync(database, noOptOut.Id))).Error.ShouldBeOfType<TemplateCheckFailed>();
        missing.Problems.ShouldHaveSingleItem().ShouldContain("'electronic-opt-out'");

        var unknown = await DraftAsync(database, "Hi {{ customer.nickname }}. {% disclosure 'debt-collector' %} {% disclosure 'electronic-opt-out' %}");
        (await Should.ThrowAsync<DomainException>(() => ApproveAsync(database, unknown.Id))).Error.ShouldBeOfType<TemplateCheckFailed>()
            .Problems.ShouldHaveSingleItem().ShouldContain("'nickname'");

        // A letter must carry the UK notice too, as the check renders it for a UK customer as well.
        var letter = new TemplateKey(MessagePurpose.Reminder, ContactChannel.Letter, "en", MessageTone.Neutral);
        var usOnly = await DraftAsync(database, "Dear {{ customer.first_name }}.\n{% disclosure 'debt-collector' %}", letter);
        (await Should.ThrowAsync<DomainException>(() => ApproveAsync(database, usOnly.Id))).Error.ShouldBeOfType<TemplateCheckFailed>()
            .Problems.ShouldHaveSingleItem().ShouldContain("'uk-arrears-help'");

        var details = await RunAsync<GetTemplateRequest, TemplateDetails>(database, Staff.Agent, new GetTemplateRequest(noOptOut.Id));
        details.Template.Status.ShouldBe(TemplateStatus.Draft);

        // Drafting is for supervisors, compliance officers and admins; an agent is refused.
        (await Should.ThrowAsync<DomainException>(() => DraftAsync(database, GoodSms, actor: Staff.Agent))).Error.ShouldBeOfType<ActorNotAllowed>();
    }

    [Theory]
    [DatabaseProviders]
    public async Task Bad_drafts_are_refused_by_field(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        async Task<string> FieldOf(SaveTemplateDraftRequest request) =>
            (await Should.ThrowAsync<DomainException>(() => RunAsync<SaveTemplateDraftRequest, TemplateVersionView>(database, Staff.Supervisor, request)))
                .Error.FieldErrors!.Keys.ShouldHaveSingleItem();

        (await FieldOf(new SaveTemplateDraftRequest(SmsReminder with { Language = "fr" }, "n", null, GoodSms))).ShouldBe("key.language");
        (await FieldOf(new SaveTemplateDraftRequest(SmsReminder with { Channel = ContactChannel.Call }, "n", null, GoodSms))).ShouldBe("key.channel");
        (await FieldOf(new SaveTemplateDraftRequest(SmsReminder with { Purpose = MessagePurpose.ValidationNotice }, "n", null, GoodSms))).ShouldBe("key.channel");
        (await FieldOf(new SaveTemplateDraftRequest(SmsReminder, "n", "A subject", GoodSms))).ShouldBe("subject");
        (await FieldOf(new SaveTemplateDraftRequest(SmsReminder with { Channel = ContactChannel.Email }, "n", null, GoodSms))).ShouldBe("subject");
        (await FieldOf(new SaveTemplateDraftRequest(SmsReminder, " ", null, GoodSms))).ShouldBe("name");
        (await FieldOf(new SaveTemplateDraftRequest(SmsReminder, "n", null, ""))).ShouldBe("body");
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_renderer_refuses_an_approved_template_that_lost_a_disclosure_and_renders_a_good_one_with_the_accounts_facts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, _) = await MadeAccountAsync(database);

        // A version approved before the check knew of the opt-out notice (written straight to the table): the send is still refused.
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var old = new MessageTemplate(SmsReminder, 1, "Old", null, "Hi {{ customer.first_name }}. {% disclosure 'debt-collector' %}", "someone", Instant.FromUtc(2026, 1, 1, 0, 0));
            old.Approve("someone", Instant.FromUtc(2026, 1, 1, 0, 0));
            db.Add(old);
            await db.SaveChangesAsync(Ct);
        }

        var refused = (await Should.ThrowAsync<DomainException>(() => RenderAsync(database, SmsReminder, account))).Error.ShouldBeOfType<DisclosureMissing>();
        refused.Disclosure.ShouldBe(LockedDisclosures.ElectronicOptOut);

        var fixedDraft = await DraftAsync(database, GoodSms + " Ref {{ account.reference }}: {{ payment_link }}");
        await ApproveAsync(database, fixedDraft.Id);
        var message = await RenderAsync(database, SmsReminder, account);
        message.Text.ShouldBe("Hi Jane, $900.00 is owed to ACME Bank. This is a message from a debt collector. Reply STOP to stop texts. Ref D-1: https://pay.example.com/D-1");
        (message.TemplateName, message.TemplateVersion, message.Subject, message.Html).ShouldBe(("Kind reminder", 2, null, null));
        message.Disclosures.ShouldBe([LockedDisclosures.DebtCollector, LockedDisclosures.ElectronicOptOut]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_validation_notice_itemizes_a_made_account_from_its_statement_and_ledger(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, _) = await MadeAccountAsync(database);
        await RunAsync<InstallDefaultTemplatesRequest, int>(database, Actor.System("test"), new InstallDefaultTemplatesRequest());
        var key = new TemplateKey(MessagePurpose.ValidationNotice, ContactChannel.Email, "en", MessageTone.Neutral);

        var notice = await RenderAsync(database, key, account);

        var now = database.Services.GetRequiredService<IClock>().GetCurrentInstant();
        var today = now.InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).Date;
        var periods = database.Services.GetRequiredService<IValidationPeriods>();
        periods.EndFor(new LocalDate(2026, 12, 7)).ShouldBe(new LocalDate(2027, 1, 13)); // Monday + 5 business days = Monday 14 Dec, + 30 days
        periods.EndFor(new LocalDate(2026, 12, 21)).ShouldBe(new LocalDate(2027, 1, 28)); // Christmas Day is skipped: 22, 23, 24, 28, 29 Dec, + 30 days
        var end = TemplateText.Date(periods.EndFor(today), "en", Jurisdiction.Parse("US-PA"));
        notice.Subject.ShouldBe("Important information about your ACME Bank debt");
        notice.Text.ShouldContain("You had an account from First Card Co with account number D-1.");
        notice.Text.ShouldContain("As of June 30, 2026, you owed: $950.00");
        notice.Text.ShouldContain("You were charged this amount in interest: + $50.00");
        notice.Text.ShouldContain("You were charged this amount in fees: + $0.00");
        notice.Text.ShouldContain("You paid or were credited this amount toward the debt: – $100.00");
        notice.Text.ShouldContain("Total amount of the debt now: $900.00");
        notice.Text.ShouldContain($"Call or write to us by {end} to dispute all or part of the debt.");
        notice.Disclosures.ShouldBe([LockedDisclosures.DebtCollector, LockedDisclosures.ElectronicOptOut, LockedDisclosures.ValidationNotice]);
        notice.Html!.ShouldContain("Total amount of the debt now: $900.00");
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_default_library_installs_once_approved_and_renders_in_both_languages(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, _) = await MadeAccountAsync(database);
        var installed = await RunAsync<InstallDefaultTemplatesRequest, int>(database, Actor.System("test"), new InstallDefaultTemplatesRequest());
        installed.ShouldBe(DefaultLibrary.All.Count);
        (await RunAsync<InstallDefaultTemplatesRequest, int>(database, Actor.System("test"), new InstallDefaultTemplatesRequest())).ShouldBe(0);
        (await Should.ThrowAsync<DomainException>(() => RunAsync<InstallDefaultTemplatesRequest, int>(database, Staff.Supervisor, new InstallDefaultTemplatesRequest())))
            .Error.ShouldBeOfType<ActorNotAllowed>();

        var list = await RunAsync<ListTemplatesRequest, IReadOnlyList<TemplateSummaryView>>(database, Staff.Agent, new ListTemplatesRequest(Status: TemplateStatus.Approved));
        list.Count.ShouldBe(DefaultLibrary.All.Count);
        list.ShouldAllBe(s => s.ApprovedVersion == 1 && s.Latest.ApprovedBy == InstallDefaultTemplates.Approver);

        var english = await RenderAsync(database, new TemplateKey(MessagePurpose.Offer, ContactChannel.Sms, "en", MessageTone.Neutral), account);
        english.Text.ShouldStartWith("Hi Jane, payment plans are open for your ACME Bank account.");
        var spanish = await RenderAsync(database, new TemplateKey(MessagePurpose.Reminder, ContactChannel.Email, "es", MessageTone.Supportive), account);
        spanish.Subject.ShouldBe("Sobre su cuenta de ACME Bank");
        spanish.Text.ShouldContain("Su cuenta de ACME Bank tiene $900.00 por pagar.");
        spanish.Text.ShouldContain("Esta es una comunicación de un cobrador de deudas.");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_preview_shows_the_demo_account_or_an_account_in_scope_and_never_another_creditors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (account, creditor) = await MadeAccountAsync(database);
        var (theirs, _) = await MadeAccountAsync(database, "BRIT", "B-1");

        var demo = await RunAsync<PreviewTemplateRequest, TemplatePreview>(database, Staff.Agent, new PreviewTemplateRequest(SmsReminder, null, GoodSms));
        demo.Text.ShouldStartWith("Hi Jane, $1,159.32 is owed to Acme Bank.");
        demo.AccountShown.ShouldContain("demo account");
        demo.Disclosures.ShouldBe([LockedDisclosures.DebtCollector, LockedDisclosures.ElectronicOptOut]);
        demo.RequiredDisclosures.ShouldBe([LockedDisclosures.DebtCollector, LockedDisclosures.ElectronicOptOut]);
        demo.Problems.ShouldBeEmpty();
        demo.SmsSegments.ShouldBe(1);
        demo.Grade.ShouldNotBeNull().Formula.ShouldBe("Flesch–Kincaid");

        var acmeOnly = Actor.From(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "acme@parley"), new(CreditorScope.ClaimType, creditor.Value.ToString()), new(System.Security.Claims.ClaimTypes.Role, StaffRoles.Agent)], "test")));
        var own = await RunAsync<PreviewTemplateRequest, TemplatePreview>(database, acmeOnly, new PreviewTemplateRequest(SmsReminder, null, GoodSms, account));
        own.Text.ShouldStartWith("Hi Jane, $900.00 is owed to ACME Bank.");
        (await Should.ThrowAsync<DomainException>(() => RunAsync<PreviewTemplateRequest, TemplatePreview>(database, acmeOnly, new PreviewTemplateRequest(SmsReminder, null, GoodSms, theirs))))
            .Error.ShouldBeOfType<OutreachAccountNotFound>();

        var broken = await RunAsync<PreviewTemplateRequest, TemplatePreview>(database, Staff.Agent, new PreviewTemplateRequest(SmsReminder, null, "Hi {{ customer.first_name }}. {% disclosure 'debt-collector' %}"));
        broken.Problems.ShouldHaveSingleItem().ShouldContain("electronic-opt-out");
        broken.Disclosures.ShouldBe([LockedDisclosures.DebtCollector]);
    }
}
