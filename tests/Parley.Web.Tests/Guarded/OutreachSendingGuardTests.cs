using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Calls;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Guarded;

/// <summary>
/// Planning, sending, sending now and completing a call task refuse a wrong role in the use case itself, through HTTP
/// and through the page path. The test clock stands at 10:00 in Boston, so the allowed role's letter may go.
/// </summary>
public sealed class OutreachSendingGuardTests : IAsyncLifetime
{
    private GuardedWorld _world = default!;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public Task Planning_the_day_needs_a_supervisor_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<int>(
        "PlanOutreach",
        [StaffRoles.Supervisor, StaffRoles.Admin],
        _ => Task.FromResult(0),
        _ => new HttpRequestMessage(HttpMethod.Post, "/api/outreach/plan") { Content = JsonContent.Create(new { }) },
        (_, scopes, actor) => scopes.RunAsync<PlanOutreachRequest, OutreachPlanSummary>(actor, new PlanOutreachRequest())));

    [Fact]
    public Task Sending_what_is_due_needs_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "SendDueContacts",
        [StaffRoles.Admin],
        async world =>
        {
            var account = world.Accounts["ADA-1"];
            await world.Scopes.RunAsync<SendContactNowRequest, PlannedContactView>(GuardedWorld.Admin, Letter(account, "guard-due"));
            return account;
        },
        _ => new HttpRequestMessage(HttpMethod.Post, "/api/outreach/send-due"),
        (_, scopes, actor) => scopes.RunAsync<SendDueContactsRequest, SendRunSummary>(actor, new SendDueContactsRequest())));

    [Fact]
    public Task Sending_a_message_now_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "SendContactNow",
        StaffRoles.All,
        world => Task.FromResult(world.Accounts["ADA-1"]),
        account => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/messages/send-now")
        {
            Content = JsonContent.Create(new { channel = "letter", purpose = "reminder", reason = "asked on the phone for a letter", idempotencyKey = "guard-now" }),
        },
        (account, scopes, actor) => scopes.RunAsync<SendContactNowRequest, PlannedContactView>(actor, Letter(account, "guard-now"))));

    [Fact]
    public Task Completing_a_call_task_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<CallTaskId>(
        "CompleteCallTask",
        StaffRoles.All,
        async world =>
        {
            await using var scope = world.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var now = world.Factory.Time.GetUtcNow();
            var at = NodaTime.Instant.FromDateTimeOffset(now);
            var account = world.Accounts["ADA-1"];
            var owner = await scope.ServiceProvider.GetRequiredService<Parley.Modules.Accounts.Contracts.IAccountOwners>().GetAsync(account, TestContext.Current.CancellationToken);
            var planned = new PlannedContact("guard-call", account, owner!.CreditorId, owner.CustomerId, OutreachStep.Call, 4, ContactChannel.Call, MessageTone.Supportive, "en", at, "America/New_York", ["the ladder's call step"], at);
            var task = new CallTask(planned.Id, account, owner.CreditorId, "the ladder's call step", at, at + NodaTime.Duration.FromHours(8), "America/New_York", null, at);
            db.AddRange(planned, task);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return task.Id;
        },
        task => new HttpRequestMessage(HttpMethod.Post, $"/api/call-tasks/{task}/complete")
        {
            Content = JsonContent.Create(new { number = "+16175550142", outcome = "no_answer", idempotencyKey = "guard-call-done" }),
        },
        (task, scopes, actor) => scopes.RunAsync<CompleteCallTaskRequest, CallTaskView>(actor, new CompleteCallTaskRequest(task, "+16175550142", ContactOutcome.NoAnswer, "guard-call-done"))));

    private static SendContactNowRequest Letter(AccountId account, string key) =>
        new(account, ContactChannel.Letter, MessagePurpose.Reminder, "asked on the phone for a letter", key);
}
