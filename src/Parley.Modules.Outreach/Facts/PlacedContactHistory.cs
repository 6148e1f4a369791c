using Microsoft.EntityFrameworkCore;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.Persistence.Conventions;

namespace Parley.Modules.Outreach.Facts;

/// <summary>
/// The placement import's contacts, written into the contact history inside the import's batch transaction: one look-up
/// of the keys the batch's accounts already hold, then the new attempts (and their outcomes) by the bulk writer. The
/// address is not known (the file names none), so it is stored empty and the gate counts the contact by its channel.
/// </summary>
internal sealed class PlacedContactHistory(ParleyDbContext db) : IPlacedContactHistory
{
    public const string KeyPrefix = "placement:";

    public async Task RecordAsync(IReadOnlyList<PlacedContact> contacts, CancellationToken cancellationToken)
    {
        var accounts = contacts.Select(c => c.Account).Distinct().ToList();
        var held = (await db.Set<ContactAttempt>().AsNoTracking()
                .Where(a => accounts.Contains(a.AccountId) && a.IdempotencyKey.StartsWith(KeyPrefix))
                .Select(a => new { a.AccountId, a.IdempotencyKey })
                .ToListAsync(cancellationToken))
            .Select(a => (a.AccountId, a.IdempotencyKey))
            .ToHashSet();
        var attempts = new List<ContactAttempt>(contacts.Count);
        var outcomes = new List<ContactAttemptOutcome>(contacts.Count);
        foreach (var contact in contacts)
        {
            // A contact placed before (by this file or an earlier one) is in the history already.
            if (!held.Add((contact.Account, contact.Key)))
            {
                continue;
            }

            var channel = ChannelOf(contact.Channel);
            var attempt = new ContactAttempt(contact.Account, contact.Customer, contact.Creditor, channel, ContactDirection.Outbound, "", contact.At, contact.Key, contact.RecordedBy)
            {
                Note = "from the placement file",
            };
            if (contact.Outcome is { } outcome)
            {
                outcomes.Add(attempt.AddOutcome(OutcomeOf(outcome), contact.At, contact.RecordedBy, null));
            }

            attempts.Add(attempt);
        }

        var bulk = BulkWriter.For(db);
        await bulk.InsertAsync(attempts, cancellationToken);
        await bulk.InsertAsync(outcomes, cancellationToken);
    }

    internal static ContactChannel ChannelOf(PlacedContactChannel channel) => channel switch
    {
        PlacedContactChannel.Call => ContactChannel.Call,
        PlacedContactChannel.Sms => ContactChannel.Sms,
        PlacedContactChannel.Email => ContactChannel.Email,
        PlacedContactChannel.Letter => ContactChannel.Letter,
    };

    internal static ContactOutcome OutcomeOf(PlacedContactOutcome outcome) => outcome switch
    {
        PlacedContactOutcome.Sent => ContactOutcome.Sent,
        PlacedContactOutcome.Delivered => ContactOutcome.Delivered,
        PlacedContactOutcome.Bounced => ContactOutcome.Bounced,
        PlacedContactOutcome.Failed => ContactOutcome.Failed,
        PlacedContactOutcome.Opened => ContactOutcome.Opened,
        PlacedContactOutcome.Clicked => ContactOutcome.Clicked,
        PlacedContactOutcome.Replied => ContactOutcome.Replied,
        PlacedContactOutcome.NotConnected => ContactOutcome.NotConnected,
        PlacedContactOutcome.NoAnswer => ContactOutcome.NoAnswer,
        PlacedContactOutcome.Voicemail => ContactOutcome.Voicemail,
        PlacedContactOutcome.WrongNumber => ContactOutcome.WrongNumber,
        PlacedContactOutcome.RightPartyContact => ContactOutcome.RightPartyContact,
        PlacedContactOutcome.Promise => ContactOutcome.Promise,
        PlacedContactOutcome.Refusal => ContactOutcome.Refusal,
        PlacedContactOutcome.Dispute => ContactOutcome.Dispute,
        PlacedContactOutcome.AskedForNoContact => ContactOutcome.AskedForNoContact,
    };
}
