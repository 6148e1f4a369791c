using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Care.Tests.Acting;

/// <summary>What Parley does for each flag, with people in charge: holds, routed items, the vulnerability record, crisis lines, overrules.</summary>
public sealed class ActingOnFlagsTests
{
    private static readonly Actor Compliance = Staff.Acting("compliance@parley", StaffRoles.Compliance);

    [Theory]
    [InlineData("Stop calling me.", CareItemKind.CeaseCommunication, HoldType.CeaseCommunication)]
    [InlineData("I filed for bankruptcy last month.", CareItemKind.Bankruptcy, HoldType.Bankruptcy)]
    [InlineData("My husband passed away in August, this was his account.", CareItemKind.Deceased, HoldType.Deceased)]
    [InlineData("Contact my lawyer, not me.", CareItemKind.Attorney, HoldType.AttorneyRepresented)]
    public async Task Cease_bankruptcy_deceased_and_attorney_place_their_hold_and_route(string text, CareItemKind kind, HoldType hold)
    {
        await using var world = await CareWorld.CreateAsync(DatabaseProvider.Sqlite);
        var account = await world.AccountAsync("R-1");
        await world.ReplyAsync(account, text);
        await world.DispatchAsync();

        (await world.HoldsAsync(account)).Where(h => h.IsActive).Select(h => h.Type).ShouldContain(hold);
        var item = (await world.AllAsync<CareItem>()).Single(i => i.Kind == kind);
        item.HoldId.ShouldNotBeNull();
        // The log names the hold in words and keeps its id as data, for a link.
        item.Log.ShouldContain(l => l.Action.StartsWith("placed a", StringComparison.Ordinal) && l.Action.EndsWith(" hold", StringComparison.Ordinal) && l.Hold == item.HoldId!.Value.Value);
        item.Log.ShouldAllBe(l => !l.Reason.Contains(item.HoldId!.Value.Value.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_attorney_hold_makes_the_gate_refuse_to_contact_the_customer()
    {
        await using var world = await CareWorld.CreateAsync(DatabaseProvider.Sqlite);
        var account = await world.AccountAsync("A-1");
        await world.ReplyAsync(account, "Contact my lawyer, not me.");
        await world.DispatchAsync();

        var decision = await world.GateAsync(account);
        decision.Allowed.ShouldBeFalse();
        decision.Explanation.ShouldContain("attorney", Case.Insensitive);
    }

    [Theory]
    [InlineData("I want to make a formal complaint.", CareItemKind.Complaint)]
    [InlineData("Can I speak to a real person please?", CareItemKind.AsksForPerson)]
    public async Task A_complaint_or_asking_for_a_person_is_routed_without_a_hold(string text, CareItemKind kind)
    {
        await using var world = await CareWorld.CreateAsync(DatabaseProvider.Sqlite);
        var account = await world.AccountAsync("C-1");
        await world.ReplyAsync(account, text);
        await world.DispatchAsync();

        (await world.AllAsync<CareItem>()).ShouldContain(i => i.Kind == kind && i.HoldId == null);
    }

    [Theory]
    [InlineData("US-PA", "America/New_York", "US", "988")]
    [InlineData("GB-ENG", "Europe/London", "GB", "116 123")]
    [InlineData("EU", "Europe/Madrid", "ES", "024")]
    public async Task A_crisis_goes_to_the_top_of_the_queue_pauses_contact_and_carries_the_countrys_support_line(string jurisdiction, string zone, string country, string number)
    {
        await using var world = await CareWorld.CreateAsync(DatabaseProvider.Sqlite);
        var calm = await world.AccountAsync("Q-1");
        await world.ReplyAsync(calm, "I filed for bankruptcy last month.");
        await world.DispatchAsync();
        var account = await world.AccountAsync("Q-2", jurisdiction, zone);
        await world.ReplyAsync(account, "I can't go on, I want to kill myself");
        await world.DispatchAsync();

        var queue = await world.RunAsync<GetCareQueueRequest, CareQueueView>(Staff.Agent, new GetCareQueueRequest());
        var top = queue.Items[0];
        top.Kind.ShouldBe(CareItemKind.Crisis);
        top.Urgent.ShouldBeTrue();
        top.AccountId.ShouldBe(account);
        top.SupportLines.ShouldContain(l => l.Country == country && l.Contact.Contains(number, StringComparison.Ordinal));
        // A country Parley places exactly gets its own line; an EU customer (no country on file) gets every line.
        top.SupportLines.Count.ShouldBe(jurisdiction == "EU" ? 3 : 1);
        top.Evidence.ShouldNotBeEmpty();
        (await world.HoldsAsync(account)).ShouldContain(h => h.IsActive && h.Type == HoldType.VulnerabilityReview);
        (await world.GateAsync(account)).Allowed.ShouldBeFalse("automated contact is paused");
    }

    [Fact]
    public async Task Job_loss_proposes_a_vulnerability_record_that_only_specialists_read_and_confirm_with_consent()
    {
        await using var world = await CareWorld.CreateAsync(DatabaseProvider.Sqlite);
        var account = await world.AccountAsync("V-1");
        await world.ReplyAsync(account, "I lost my job and can't cope");
        await world.DispatchAsync();

        var item = (await world.AllAsync<CareItem>()).Single(i => i.Kind == CareItemKind.Vulnerability);
        var record = (await world.AllAsync<VulnerabilityRecord>()).ShouldHaveSingleItem();
        record.Status.ShouldBe(VulnerabilityStatus.Proposed);
        record.Drivers.ShouldContain("job-loss");
        item.VulnerabilityRecordId.ShouldBe(record.Id);
        (await world.HoldsAsync(account)).ShouldNotContain(h => h.Type == HoldType.VulnerabilityReview, "nothing changes for the customer before a person confirms");

        // An agent sees that there is a vulnerability item, not what it is.
        var agentView = (await world.RunAsync<GetCareQueueRequest, CareQueueView>(Staff.Agent, new GetCareQueueRequest(CareItemKind.Vulnerability))).Items.ShouldHaveSingleItem();
        agentView.Labels.ShouldBe(["vulnerability"]);
        agentView.Evidence.ShouldBeEmpty();
        agentView.VulnerabilityRecordId.ShouldBeNull();
        (await Should.ThrowAsync<DomainException>(() => world.RunAsync<GetVulnerabilityRecordRequest, IReadOnlyList<VulnerabilityRecordView>>(Staff.Agent, new GetVulnerabilityRecordRequest(account))))
            .Error.Kind.ShouldBe(ErrorKind.Forbidden);
        var agentReading = (await world.RunAsync<GetAccountCareRequest, AccountCareView>(Staff.Agent, new GetAccountCareRequest(account))).Readings.ShouldHaveSingleItem();
        agentReading.SpecialCategoryHidden.ShouldBeTrue();
        agentReading.Flags.ShouldNotContain(f => f.Code == "job-loss");

        var read = (await world.RunAsync<GetVulnerabilityRecordRequest, IReadOnlyList<VulnerabilityRecordView>>(Compliance, new GetVulnerabilityRecordRequest(account))).ShouldHaveSingleItem();
        read.Evidence.ShouldContain(e => e.Code == "job-loss");

        // Confirming needs the customer's consent recorded.
        var now = Instant.FromDateTimeOffset(world.Database.Time.GetUtcNow());
        (await Should.ThrowAsync<DomainException>(() => world.RunAsync<ConfirmVulnerabilityRequest, VulnerabilityRecordView>(
            Compliance, new ConfirmVulnerabilityRequest(record.Id, new VulnerabilityConsent("Jane Doe", now, "", "record my job loss"), "customer agreed on the phone"))))
            .Error.Code.ShouldBe("care.invalid");
        var consent = new VulnerabilityConsent("Jane Doe (the customer)", now, "by phone, call recorded", "Parley records my job loss and gives me more time");
        var confirmed = await world.RunAsync<ConfirmVulnerabilityRequest, VulnerabilityRecordView>(Compliance, new ConfirmVulnerabilityRequest(record.Id, consent, "customer agreed on the phone"));

        confirmed.Status.ShouldBe(VulnerabilityStatus.Confirmed);
        confirmed.Consent.ShouldBe(consent);
        confirmed.ReviewDueAt.ShouldBe(now.InUtc().LocalDateTime.PlusMonths(12).InUtc().ToInstant());
        confirmed.Audit.Select(a => a.Action).ShouldBe(["proposed", "read", "confirmed with consent"]);
        (await world.HoldsAsync(account)).ShouldContain(h => h.IsActive && h.Type == HoldType.VulnerabilityReview && h.SetBy == "compliance@parley");
        (await world.AllAsync<CareItem>()).Single(i => i.Id == item.Id).Status.ShouldBe(CareItemStatus.Completed);
        (await world.AllAsync<CareLabelVerdict>()).ShouldContain(l => l.Label == "job-loss" && l.Verdict == "confirmed");
    }

    [Fact]
    public async Task Completing_the_validation_task_ends_the_dispute_hold_and_only_a_supervisor_may()
    {
        await using var world = await CareWorld.CreateAsync(DatabaseProvider.Sqlite);
        var account = await world.AccountAsync("T-1");
        await world.ReplyAsync(account, "this isn't my debt");
        await world.DispatchAsync();
        var task = (await world.AllAsync<CareItem>()).ShouldHaveSingleItem();

        (await Should.ThrowAsync<DomainException>(() => world.RunAsync<ResolveCareItemRequest, CareItemView>(Staff.Agent, new ResolveCareItemRequest(task.Id, CareResolution.Complete, "validation letter sent"))))
            .Error.Kind.ShouldBe(ErrorKind.Forbidden);
        (await Should.ThrowAsync<DomainException>(() => world.RunAsync<ResolveCareItemRequest, CareItemView>(Staff.Supervisor, new ResolveCareItemRequest(task.Id, CareResolution.Complete, " "))))
            .Error.Code.ShouldBe("care.invalid");
        (await world.HoldsAsync(account)).ShouldContain(h => h.IsActive && h.Type == HoldType.Dispute, "collection stays paused until a person completes the task");

        var done = await world.RunAsync<ResolveCareItemRequest, CareItemView>(Staff.Supervisor, new ResolveCareItemRequest(task.Id, CareResolution.Complete, "validation letter sent 3 Nov"));

        done.Status.ShouldBe(CareItemStatus.Completed);
        done.Log.ShouldContain(l => l.Action == "ended the dispute hold" && l.HoldId == task.HoldId);
        (await world.HoldsAsync(account)).ShouldNotContain(h => h.IsActive);
        (await world.HoldsAsync(account)).Single().EndedBy.ShouldBe("supervisor@parley");
        (await Should.ThrowAsync<DomainException>(() => world.RunAsync<ResolveCareItemRequest, CareItemView>(Staff.Supervisor, new ResolveCareItemRequest(task.Id, CareResolution.Dismiss, "again"))))
            .Error.Kind.ShouldBe(ErrorKind.Conflict);
    }

    [Fact]
    public async Task Dismissing_a_flag_overrules_it_keeps_a_label_and_lifts_the_hold_care_placed()
    {
        await using var world = await CareWorld.CreateAsync(DatabaseProvider.Sqlite);
        var account = await world.AccountAsync("O-1");
        var message = await world.ReplyAsync(account, "Stop calling me.");
        await world.DispatchAsync();
        var item = (await world.AllAsync<CareItem>()).Single(i => i.Kind == CareItemKind.CeaseCommunication);

        await world.RunAsync<ResolveCareItemRequest, CareItemView>(Staff.Supervisor, new ResolveCareItemRequest(item.Id, CareResolution.Dismiss, "they meant stop calling at work; texts are fine"));

        var label = (await world.AllAsync<CareLabelVerdict>()).ShouldHaveSingleItem();
        (label.MessageId, label.Label, label.Verdict, label.By).ShouldBe((message, "cease-communication", "overruled", "supervisor@parley"));
        (await world.HoldsAsync(account)).ShouldNotContain(h => h.IsActive);
    }

    [Fact]
    public async Task Staff_of_another_creditor_cannot_see_or_resolve_an_item()
    {
        await using var world = await CareWorld.CreateAsync(DatabaseProvider.Sqlite);
        var account = await world.AccountAsync("S-1");
        await world.ReplyAsync(account, "this isn't my debt");
        await world.DispatchAsync();
        var item = (await world.AllAsync<CareItem>()).ShouldHaveSingleItem();
        var other = await world.OtherCreditorAsync();
        var outsider = Actor.From(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "outsider@parley"), new(CreditorScope.ClaimType, other.ToString()), new(System.Security.Claims.ClaimTypes.Role, StaffRoles.Supervisor)], "test")));

        (await world.RunAsync<GetCareQueueRequest, CareQueueView>(outsider, new GetCareQueueRequest())).Items.ShouldBeEmpty();
        (await Should.ThrowAsync<DomainException>(() => world.RunAsync<GetCareItemRequest, CareItemView>(outsider, new GetCareItemRequest(item.Id)))).Error.Kind.ShouldBe(ErrorKind.NotFound);
        (await Should.ThrowAsync<DomainException>(() => world.RunAsync<ResolveCareItemRequest, CareItemView>(outsider, new ResolveCareItemRequest(item.Id, CareResolution.Dismiss, "no")))).Error.Kind.ShouldBe(ErrorKind.NotFound);
        (await Should.ThrowAsync<DomainException>(() => world.RunAsync<GetAccountCareRequest, AccountCareView>(outsider, new GetAccountCareRequest(account)))).Error.Kind.ShouldBe(ErrorKind.NotFound);
    }
}
