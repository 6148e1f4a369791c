using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Care.Domain;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Inbound;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;

namespace Parley.Modules.Care.Tests.Acting;

/// <summary>A migrated database with one creditor and customer accounts, and replies stored as Outreach stores them (message + outbox event).</summary>
internal sealed class CareWorld(TestDatabase database) : IAsyncDisposable
{
    public TestDatabase Database { get; } = database;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public CreditorId Creditor { get; private set; }

    public static async Task<CareWorld> CreateAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null)
    {
        var world = new CareWorld(await TestDatabase.CreateAsync(provider, configure));
        await using var scope = world.Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = new Creditor("ACME", "ACME Bank", Currency.USD, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 30m));
        db.Add(creditor);
        await db.SaveChangesAsync(Ct);
        world.Creditor = creditor.Id;
        return world;
    }

    /// <summary>A customer with one open account, living in <paramref name="jurisdiction"/>.</summary>
    public async Task<AccountId> AccountAsync(string reference, string jurisdiction = "US-PA", string timeZone = "America/New_York", CreditorId? creditor = null)
    {
        await using var scope = Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var owner = creditor ?? Creditor;
        var customer = new Customer(owner, $"C-{reference}", new PersonName("Jane", "Doe"), new LocalDate(1980, 5, 17), "en-US");
        customer.AddAddress(new PostalAddress("1 Main St", null, "Philadelphia", "19103", Jurisdiction.Parse(jurisdiction), timeZone));
        customer.AddPhone(new PhoneNumber("+12155550142", PhoneType.Mobile, consentToCall: true, consentToSms: true));
        var account = new Account(
            owner, customer.Id, reference,
            new AccountTerms(Currency.USD, ProductType.CreditCard, "First Card Co", null, new LocalDate(2026, 6, 1), 45, new LocalDate(2031, 6, 1), AccountStatus.Open),
            Instant.FromUtc(2026, 10, 1, 12, 0));
        db.AddRange(customer, account);
        await db.SaveChangesAsync(Ct);
        return account.Id;
    }

    public async Task<CreditorId> OtherCreditorAsync()
    {
        await using var scope = Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = new Creditor("OTHER", "Other Bank", Currency.USD, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 30m));
        db.Add(creditor);
        await db.SaveChangesAsync(Ct);
        return creditor.Id;
    }

    /// <summary>A text reply stored on the account and raised for Care, as Outreach's inbound use case does.</summary>
    public async Task<Guid> ReplyAsync(AccountId account, string text)
    {
        await using var scope = Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var owner = await db.Set<Account>().Where(a => a.Id == account).Select(a => new { a.CustomerId, a.CreditorId }).SingleAsync(Ct);
        var at = Instant.FromDateTimeOffset(Database.Time.GetUtcNow());
        var message = new OutreachMessage(account, owner.CustomerId, owner.CreditorId, ContactDirection.Inbound, ContactChannel.Sms, at, text, "test", Guid.CreateVersion7().ToString("N"), null);
        db.Add(message);
        var payload = JsonSerializer.Serialize(new { messageId = message.Id, accountId = account.Value, channel = "sms", at = at.ToString() });
        db.AddOutboxMessage(InboundMessageReceived.EventType, payload, at, $"outreach:message:{message.Id:N}");
        await db.SaveChangesAsync(Ct);
        return message.Id;
    }

    public async Task<int> DispatchAsync()
    {
        await using var scope = Database.Scope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
    }

    /// <summary>Hands every stored Care event to the Care handler again, as a crashed pass's re-delivery would.</summary>
    public async Task RedeliverAsync()
    {
        await using var scope = Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        foreach (var message in await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == InboundMessageReceived.EventType).ToListAsync(Ct))
        {
            foreach (var handler in scope.ServiceProvider.GetServices<IOutboxHandler>().Where(h => h.EventType == message.Type))
            {
                await handler.HandleAsync(message, Ct);
            }
        }

        await db.SaveChangesAsync(Ct);
    }

    public async Task<TResult> RunAsync<TRequest, TResult>(Actor actor, TRequest request)
        where TRequest : notnull
    {
        await using var scope = Database.Scope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<TRequest, TResult>>().HandleAsync(actor, request, Ct);
    }

    public async Task<List<T>> AllAsync<T>()
        where T : class
    {
        await using var scope = Database.Scope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<T>().AsNoTracking().ToListAsync(Ct);
    }

    public async Task<IReadOnlyList<HoldView>> HoldsAsync(AccountId account) =>
        (await RunAsync<GetAccountDetailsRequest, AccountDetails>(Actor.System("test"), new GetAccountDetailsRequest(account))).Holds;

    public async Task<ChannelDecision> GateAsync(AccountId account)
    {
        await using var scope = Database.Scope();
        var gate = scope.ServiceProvider.GetRequiredService<IComplianceGate>();
        var check = await gate.EvaluateAsync(new ContactProposal(account, ContactChannel.Sms, Instant.FromDateTimeOffset(Database.Time.GetUtcNow())), Ct);
        return check.Channels[0];
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

internal static class Readings
{
    public static IEnumerable<CareItem> Open(this IEnumerable<CareItem> items) => items.Where(i => i.Status == Contracts.CareItemStatus.Open);
}
