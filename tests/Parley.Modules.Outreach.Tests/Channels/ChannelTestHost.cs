using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;

namespace Parley.Modules.Outreach.Tests.Channels;

/// <summary>A database with one account (Jane Doe, ACME), and the channel services as the hosts compose them.</summary>
internal static class ChannelTestHost
{
    public const string UnsubscribeSecret = "unsubscribe-secret-for-tests";

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider, Action<OutreachChannelOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        TestDatabase.CreateAsync(provider, s =>
        {
            s.PostConfigure<OutreachChannelOptions>(o =>
            {
                o.Email.UnsubscribeSecret = UnsubscribeSecret;
                o.PublicBaseUrl = "https://collect.example.com";
                o.Sms.From = "+12155550100";
                configure?.Invoke(o);
            });
            services?.Invoke(s);
        });

    public static async Task<AccountId> SeedAsync(TestDatabase database, string reference = "P-1", string creditorCode = "ACME")
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var creditor = await db.Set<Accounts.Domain.Creditor>().SingleOrDefaultAsync(c => c.Code == creditorCode);
        if (creditor is null)
        {
            creditor = OutreachTestData.Creditor(creditorCode);
            db.Add(creditor);
        }

        var account = OutreachTestData.Debt(db, creditor, reference).Account.Id;
        await db.SaveChangesAsync();
        return account;
    }

    public static Task<SendOutcome> SendAsync(TestDatabase database, OutgoingMessage message) => SendAsync(database.Services, message);

    public static async Task<SendOutcome> SendAsync(IServiceProvider services, OutgoingMessage message)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChannelSenders>().For(message.Channel).SendAsync(message, CancellationToken.None);
    }

    public static async Task<TResult> RunAsync<TRequest, TResult>(TestDatabase database, Actor actor, TRequest request)
        where TRequest : notnull
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<IUseCase<TRequest, TResult>>().HandleAsync(actor, request, CancellationToken.None);
    }

    public static async Task<List<T>> AllAsync<T>(TestDatabase database)
        where T : class
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<T>().AsNoTracking().ToListAsync();
    }

    public static OutgoingMessage Email(AccountId account, string key = "send-1", string to = OutreachTestData.Email) =>
        new(key, account, ContactChannel.Email, to, "Your ACME balance", "Hello Jane,\nYour balance is $120.", "<p>Hello Jane,</p><p>Your balance is $120.</p>", "en");

    public static OutgoingMessage Sms(AccountId account, string key = "sms-1", string to = OutreachTestData.Phone) =>
        new(key, account, ContactChannel.Sms, to, null, "ACME: a payment of $20 is due Friday. Reply STOP to stop texts.", null, "en");
}
