using System.Net.Http.Json;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Guarded;

/// <summary>Each Outreach use case that changes data refuses a wrong role itself, through HTTP and through the page.</summary>
public sealed class OutreachGuardTests : IAsyncLifetime
{
    private GuardedWorld _world = default!;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public Task Recording_a_contact_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "RecordContactAttempt",
        StaffRoles.All,
        world => Task.FromResult(world.Accounts["ADA-1"]),
        account => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/contacts")
        {
            Content = JsonContent.Create(new { channel = "call", address = "+14155550142", idempotencyKey = "guard-call-1" }),
        },
        (account, scopes, actor) => scopes.RunAsync<RecordContactAttemptRequest, ContactAttemptView>(actor,
            new RecordContactAttemptRequest(account, ContactChannel.Call, "+14155550142", "guard-call-1"))));

    [Fact]
    public Task Recording_a_contacts_outcome_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<(AccountId Account, ContactAttemptId Contact)>(
        "RecordContactOutcome",
        StaffRoles.All,
        async world =>
        {
            var account = world.Accounts["ADA-1"];
            var contact = await world.Scopes.RunAsync<RecordContactAttemptRequest, ContactAttemptView>(GuardedWorld.Admin,
                new RecordContactAttemptRequest(account, ContactChannel.Call, "+14155550142", "guard-outcome-call"));
            return (account, contact.Id);
        },
        target => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{target.Account}/contacts/{target.Contact}/outcomes")
        {
            Content = JsonContent.Create(new { outcome = "no_answer" }),
        },
        (target, scopes, actor) => scopes.RunAsync<RecordContactOutcomeRequest, ContactAttemptView>(actor,
            new RecordContactOutcomeRequest(target.Account, target.Contact, ContactOutcome.NoAnswer))));

    [Fact]
    public Task Changing_contact_preferences_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "ChangeContactPreferences",
        StaffRoles.All,
        world => Task.FromResult(world.Accounts["ADA-1"]),
        account => new HttpRequestMessage(HttpMethod.Put, $"/api/accounts/{account}/contact-preferences")
        {
            Content = JsonContent.Create(new
            {
                preferences = new { channels = Array.Empty<object>(), allowedDays = Array.Empty<string>(), allowedFrom = "09:00:00", allowedTo = "17:00:00", inconvenientTimes = Array.Empty<object>() },
                reason = "works nights",
            }),
        },
        (account, scopes, actor) => scopes.RunAsync<ChangeContactPreferencesRequest, ContactPreferencesView>(actor, new ChangeContactPreferencesRequest(
            account, ContactPreferences.None with { AllowedFrom = new NodaTime.LocalTime(9, 0), AllowedTo = new NodaTime.LocalTime(17, 0) }, "works nights"))));

    [Fact]
    public Task Changing_a_creditors_contact_budget_needs_compliance_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<CreditorId>(
        "ChangeContactBudget",
        [StaffRoles.Compliance, StaffRoles.Admin],
        world => Task.FromResult(world.Creditors["ACME-CARD"]),
        creditor => new HttpRequestMessage(HttpMethod.Put, $"/api/creditors/{creditor}/contact-budget")
        {
            Content = JsonContent.Create(new { budget = new { callsPer7Days = 3 }, reason = "fewer calls" }),
        },
        (creditor, scopes, actor) => scopes.RunAsync<ChangeContactBudgetRequest, ContactBudgetView>(actor,
            new ChangeContactBudgetRequest(creditor, new ContactBudget(3, null, null, null), "fewer calls"))));

    [Fact]
    public Task Retrying_a_dead_letter_needs_a_supervisor_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<PlannedContactId>(
        "RetryDeadLetter",
        [StaffRoles.Supervisor, StaffRoles.Admin],
        world => DeadLetters.MakeAsync(world.Factory.Services, world.Accounts["ADA-1"], "guard-retry"),
        contact => new HttpRequestMessage(HttpMethod.Post, $"/api/outreach/planned/{contact}/retry")
        {
            Content = JsonContent.Create(new { reason = "the mail server is back" }),
        },
        (contact, scopes, actor) => scopes.RunAsync<RetryPlannedContactRequest, PlannedContactView>(actor, new RetryPlannedContactRequest(contact, "the mail server is back"))));

    private const string GoodSms = "Hi {{ customer.first_name }}. {% disclosure 'debt-collector' %} {% disclosure 'electronic-opt-out' %}";

    private static readonly TemplateKey GuardKey = new(MessagePurpose.Reminder, ContactChannel.Sms, "en", MessageTone.Supportive);

    private static object GuardDraftJson => new
    {
        key = new { purpose = "reminder", channel = "sms", language = "en", tone = "supportive" },
        name = "Guarded reminder",
        body = GoodSms,
    };

    [Fact]
    public Task Drafting_a_template_needs_a_supervisor_compliance_officer_or_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<int>(
        "SaveTemplateDraft",
        [StaffRoles.Supervisor, StaffRoles.Compliance, StaffRoles.Admin],
        _ => Task.FromResult(0),
        _ => new HttpRequestMessage(HttpMethod.Post, "/api/outreach/templates/drafts") { Content = JsonContent.Create(GuardDraftJson) },
        (_, scopes, actor) => scopes.RunAsync<SaveTemplateDraftRequest, TemplateVersionView>(actor, new SaveTemplateDraftRequest(GuardKey, "Guarded reminder", null, GoodSms))));

    [Fact]
    public Task Approving_a_template_needs_a_compliance_officer() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<MessageTemplateId>(
        "ApproveTemplate",
        [StaffRoles.Compliance],
        async world => (await world.Scopes.RunAsync<SaveTemplateDraftRequest, TemplateVersionView>(GuardedWorld.Admin, new SaveTemplateDraftRequest(GuardKey, "Guarded reminder", null, GoodSms))).Id,
        id => new HttpRequestMessage(HttpMethod.Post, $"/api/outreach/templates/{id}/approve"),
        (id, scopes, actor) => scopes.RunAsync<ApproveTemplateRequest, TemplateVersionView>(actor, new ApproveTemplateRequest(id))));

    [Fact]
    public Task Retiring_a_template_needs_a_compliance_officer() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<MessageTemplateId>(
        "RetireTemplate",
        [StaffRoles.Compliance],
        async world => (await world.Scopes.RunAsync<ListTemplatesRequest, IReadOnlyList<TemplateSummaryView>>(GuardedWorld.Admin, new ListTemplatesRequest(Status: TemplateStatus.Approved)))[0].Latest.Id,
        id => new HttpRequestMessage(HttpMethod.Post, $"/api/outreach/templates/{id}/retire"),
        (id, scopes, actor) => scopes.RunAsync<RetireTemplateRequest, TemplateVersionView>(actor, new RetireTemplateRequest(id))));
}
