using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;

namespace Parley.Modules.Outreach.Tests.Planning;

internal static class PlanningTestData
{
    public static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A creditor and <paramref name="count"/> Pennsylvania customers (New York time) with one open account each, consenting to e-mail and texts.</summary>
    public static async Task<(CreditorId Creditor, List<AccountId> Accounts)> SeedAsync(TestDatabase database, int count)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = OutreachTestData.Creditor();
        db.Add(creditor);
        var accounts = new List<AccountId>();
        for (var i = 0; i < count; i++)
        {
            accounts.Add(OutreachTestData.Debt(db, creditor, $"D-{i}").Account.Id);
        }

        await db.SaveChangesAsync();
        return (creditor.Id, accounts);
    }

    public static async Task<TResult> RunAsync<TRequest, TResult>(IServiceProvider services, Actor actor, TRequest request)
        where TRequest : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<TRequest, TResult>>().HandleAsync(actor, request, None);
    }

    public static Task<OutreachPlanSummary> PlanAsync(TestDatabase database, Instant? asOf = null) =>
        RunAsync<PlanOutreachRequest, OutreachPlanSummary>(database.Services, Actor.System("test-planner"), new PlanOutreachRequest(asOf));

    public static Task<SendRunSummary> SendAsync(IServiceProvider services) =>
        RunAsync<SendDueContactsRequest, SendRunSummary>(services, Actor.System("test-sender"), new SendDueContactsRequest());

    public static async Task<List<PlannedContact>> PlannedAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        return [.. db.Set<PlannedContact>().OrderBy(p => p.ScheduledAt).ToList()];
    }

    public static async Task ChangePreferencesAsync(TestDatabase database, AccountId account, ContactPreferences preferences) =>
        await RunAsync<ChangeContactPreferencesRequest, ContactPreferencesView>(database.Services, Staff.Agent, new ChangeContactPreferencesRequest(account, preferences, "the customer asked"));

    public static ContactPreferences OptedOutOf(params ContactChannel[] channels) =>
        ContactPreferences.None with { Channels = [.. channels.Select(c => new ChannelPreference(c, ChannelConsent.OptedOut, ConsentSource.InWriting, "letter of 1 Nov"))] };
}
