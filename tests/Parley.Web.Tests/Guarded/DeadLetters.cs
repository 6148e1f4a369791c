using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel;

namespace Parley.Web.Tests.Guarded;

/// <summary>A dead letter on an account, as the sender leaves one when a channel refuses a message for good.</summary>
internal static class DeadLetters
{
    public static async Task<PlannedContactId> MakeAsync(IServiceProvider services, AccountId account, string key)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var owner = await scope.ServiceProvider.GetRequiredService<IAccountOwners>().GetAsync(account, CancellationToken.None)
            ?? throw new InvalidOperationException($"no account {account}");
        var now = scope.ServiceProvider.GetRequiredService<IClock>().GetCurrentInstant();
        var contact = new PlannedContact($"plan:{account}:{key}", account, owner.CreditorId, owner.CustomerId, OutreachStep.Reminder, 1, ContactChannel.Email,
            MessageTone.Supportive, "en", now, "America/New_York", ["step reminder"], now);
        contact.DeadLetter("the mail server refused the message", now);
        db.Add(contact);
        await db.SaveChangesAsync();
        return contact.Id;
    }
}
