using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Demo.Portfolio;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Modules.Outreach.Planning;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Demo.Seeding;

/// <summary>What the demo's outreach seed did: contacts recorded, customers' wishes, budgets set, messages sent now and customers' replies.</summary>
public sealed record DemoOutreachResult(int Contacts, int Preferences, int Budgets, int MessagesSent = 0, int Replies = 0);

/// <summary>
/// The demo's contact history and contact preferences, through the Outreach use cases: for about four accounts in ten
/// a few calls, texts, e-mails and letters over the last three weeks at daytime hours in the customer's zone; for about
/// one customer in eight their wishes (calls opted out, evenings only, a 30-day pause, e-mail preferred); and the card
/// issuer's contact budget. Deterministic per seed and idempotent: contacts carry fixed keys, and preferences and
/// budgets already recorded are left alone. Then the first hour: where the law and the customer allow it now, a few
/// validation notices by e-mail and reminders by text are sent through the gate (to the development outbox on the
/// embedded default) and a few customers reply, so the outbox, the timelines and the Ops page show outreach at once.
/// </summary>
public sealed class DemoOutreach(
    ParleyDbContext db,
    IContactProfiles profiles,
    IUseCase<RecordContactAttemptRequest, ContactAttemptView> recordContact,
    IUseCase<ChangeContactPreferencesRequest, ContactPreferencesView> changePreferences,
    IUseCase<GetContactPreferencesRequest, ContactPreferencesView> getPreferences,
    IUseCase<ChangeContactBudgetRequest, ContactBudgetView> changeBudget,
    IUseCase<GetContactBudgetRequest, ContactBudgetView> getBudget,
    IUseCase<InstallDefaultTemplatesRequest, int> installTemplates,
    IUseCase<SendContactNowRequest, PlannedContactView> sendNow,
    IUseCase<SendDueContactsRequest, SendRunSummary> sendDue,
    IUseCase<ReceiveInboundMessageRequest, InboundResult> receive,
    IAccountOwners owners)
{
    /// <summary>How many of each first-hour message the demo sends, and how many candidates it tries for them.</summary>
    private const int FirstHourEach = 3;

    private const int FirstHourTries = 40;

    // Care reads these (issue 17): a dispute and a job loss, so the Care queue is alive on a fresh demo.
    private static readonly string[] TextReplies =
    [
        "This isn't my debt. I never had a card with them.",
        "Thanks for the text. I get paid on the 15th, can I pay something then?",
        "Is there a way to spread this over a few months?",
    ];

    private static readonly string[] EmailReplies =
    [
        "Hello, I got your e-mail. I lost my job and can't cope with this right now. Please give me a little time.",
        "Hello, I got your e-mail. Could you send me a breakdown of how the balance was worked out? Thanks",
    ];

    private static readonly Actor Seed = Actor.System(DemoSeeder.SetBy);

    public async Task<DemoOutreachResult> SeedAsync(int seed, IReadOnlyCollection<AccountId> accounts, Instant now, CancellationToken cancellationToken)
    {
        var known = await profiles.GetManyAsync(accounts, now, cancellationToken);
        // Contacts carry fixed keys (a second run would record none), but skipping them keeps a re-seed quick and its count honest.
        var keyPrefix = $"demo:{seed}:";
        var contactsSeeded = await db.Set<ContactAttempt>().AnyAsync(a => a.IdempotencyKey.StartsWith(keyPrefix), cancellationToken);
        int contacts = 0, preferences = 0;
        foreach (var profile in known.Values.OrderBy(p => p.CreditorReference, StringComparer.Ordinal))
        {
            // Each account draws from its own sequence, so what one account gets does not depend on what ran before it.
            var random = new Random(StableHash(seed, profile.CreditorReference));
            var roll = random.NextDouble();
            var wish = random.NextDouble();
            var zone = ZoneOf(profile);
            if (roll < 0.4 && !contactsSeeded)
            {
                contacts += await RecordContactsAsync(seed, profile, zone, now, random, cancellationToken);
            }

            if (wish < 0.125)
            {
                preferences += await RecordWishesAsync(profile, wish, now, cancellationToken) ? 1 : 0;
            }
        }

        var budgets = await SetBudgetAsync(cancellationToken);
        // Customers for whom it is daytime now come first: at 08:00 UTC the London customers, not the sleeping Americans, get the first hour's messages.
        var firstHour = known.Values.OrderBy(p => IsDaytime(p, now) ? 0 : 1).ThenBy(p => p.CreditorReference, StringComparer.Ordinal).ToList();
        var (sent, replies) = await FirstHourAsync(seed, firstHour, cancellationToken);
        return new DemoOutreachResult(contacts, preferences, budgets, sent, replies);
    }

    /// <summary>
    /// Validation notices by e-mail and reminders by text to customers the gate allows now (none at night: the demo
    /// does not bend the law), sent as any planned contact is, then a few replies from those customers.
    /// </summary>
    private async Task<(int Sent, int Replies)> FirstHourAsync(int seed, IReadOnlyList<ContactProfile> profiles, CancellationToken cancellationToken)
    {
        await installTemplates.HandleAsync(Seed, new InstallDefaultTemplatesRequest(), cancellationToken);
        var keyPrefix = $"demo:{seed}:";
        if (await db.Set<PlannedContact>().AnyAsync(p => p.IdempotencyKey.StartsWith("now:") && p.IdempotencyKey.Contains($":{keyPrefix}first-hour:"), cancellationToken))
        {
            return (0, 0);
        }

        var open = profiles.Where(p => p.ActiveHolds.Count == 0).ToList();
        var customers = await owners.GetManyAsync([.. open.Select(p => p.AccountId)], cancellationToken);
        // One message per customer: the platform's daily caps count a customer's accounts together.
        var contacted = new HashSet<CustomerId>();
        var emails = await QueueAsync(seed, open.Where(p => p.Emails.Any(e => e.ConsentToEmail)), customers, contacted, ContactChannel.Email, MessagePurpose.ValidationNotice,
            "Demo: the first e-mail carries the validation notice.", cancellationToken);
        var texts = await QueueAsync(seed, open.Where(p => p.Phones.Any(f => f.Kind == ContactPhoneKind.Mobile && f.ConsentToSms)), customers, contacted, ContactChannel.Sms, MessagePurpose.Reminder,
            "Demo: a gentle reminder by text.", cancellationToken);
        if (emails.Count + texts.Count == 0)
        {
            return (0, 0);
        }

        var run = await sendDue.HandleAsync(Seed, new SendDueContactsRequest(), cancellationToken);
        var replies = 0;
        foreach (var (profile, text, channel) in texts.Zip(TextReplies, (p, t) => (p, t, ContactChannel.Sms)).Concat(emails.Zip(EmailReplies, (p, t) => (p, t, ContactChannel.Email))))
        {
            var to = await db.Set<ContactAttempt>().AsNoTracking()
                .Where(a => a.AccountId == profile.AccountId && a.Channel == channel && a.IdempotencyKey.StartsWith("send:"))
                .Select(a => a.Address).FirstOrDefaultAsync(cancellationToken);
            if (to is null)
            {
                continue;
            }

            var answer = await receive.HandleAsync(Seed, new ReceiveInboundMessageRequest(channel, to, text, "demo", $"{keyPrefix}{profile.CreditorReference}:reply"), cancellationToken);
            replies += answer.Handling == InboundHandling.Stored ? 1 : 0;
        }

        return (run.Sent, replies);
    }

    /// <summary>Queues <see cref="FirstHourEach"/> messages on the first candidates the gate allows now; a refusal passes to the next.</summary>
    private async Task<List<ContactProfile>> QueueAsync(
        int seed,
        IEnumerable<ContactProfile> candidates,
        IReadOnlyDictionary<AccountId, AccountOwner> customers,
        HashSet<CustomerId> contacted,
        ContactChannel channel,
        MessagePurpose purpose,
        string reason,
        CancellationToken cancellationToken)
    {
        var queued = new List<ContactProfile>();
        foreach (var profile in candidates.Where(p => customers.ContainsKey(p.AccountId) && !contacted.Contains(customers[p.AccountId].CustomerId)).Take(FirstHourTries))
        {
            try
            {
                await sendNow.HandleAsync(Seed, new SendContactNowRequest(profile.AccountId, channel, purpose, reason, $"demo:{seed}:first-hour:{channel.Name()}"), cancellationToken);
                queued.Add(profile);
                contacted.Add(customers[profile.AccountId].CustomerId);
            }
            catch (DomainException)
            {
                // Not lawful now for this customer (their hour, a pause, an opt-out): the demo asks the next one.
            }

            if (queued.Count == FirstHourEach)
            {
                break;
            }
        }

        return queued;
    }

    /// <summary>Between 08:05 and 20:30 where the customer lives: inside the hours the law allows (08:00–21:00 in the US and the UK), so the gate is likely to say yes.</summary>
    private static bool IsDaytime(ContactProfile profile, Instant now)
    {
        var local = now.InZone(ZoneOf(profile)).TimeOfDay;
        return local >= new LocalTime(8, 5) && local < new LocalTime(20, 30);
    }

    private static DateTimeZone ZoneOf(ContactProfile profile) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(profile.Addresses.FirstOrDefault()?.TimeZone ?? "UTC") ?? DateTimeZone.Utc;

    private static int StableHash(int seed, string text)
    {
        // FNV-1a: string.GetHashCode differs per process, and the demo must be the same on every run.
        unchecked
        {
            var hash = 2166136261u ^ (uint)seed;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }

    private async Task<int> RecordContactsAsync(int seed, ContactProfile profile, DateTimeZone zone, Instant now, Random random, CancellationToken cancellationToken)
    {
        var count = random.Next(1, 5);
        var recorded = 0;
        for (var i = 0; i < count; i++)
        {
            // A weekday-ish daytime hour, 1 to 21 days ago, in the customer's own time.
            var day = now.InZone(zone).Date.PlusDays(-random.Next(1, 22));
            var at = day.At(new LocalTime(random.Next(10, 18), random.Next(0, 60))).InZoneLeniently(zone).ToInstant();
            var (channel, address, outcome) = Pick(profile, random);
            if (address is null)
            {
                continue;
            }

            var inbound = channel == ContactChannel.Call && random.NextDouble() < 0.15;
            await recordContact.HandleAsync(Seed, new RecordContactAttemptRequest(
                profile.AccountId,
                channel,
                address,
                $"demo:{seed}:{profile.CreditorReference}:contact:{i}",
                inbound ? ContactDirection.Inbound : ContactDirection.Outbound,
                at,
                inbound ? ContactOutcome.RightPartyContact : outcome,
                Note: inbound ? "The customer rang to ask about the balance." : null), cancellationToken);
            recorded++;
        }

        return recorded;
    }

    private static (ContactChannel Channel, string? Address, ContactOutcome Outcome) Pick(ContactProfile profile, Random random)
    {
        var phone = profile.Phones.FirstOrDefault()?.E164;
        var email = profile.Emails.FirstOrDefault()?.Address;
        var letter = profile.Addresses.FirstOrDefault() is { } a ? $"{a.Line1}, {a.City} {a.PostalCode}" : null;
        return random.Next(4) switch
        {
            0 => (ContactChannel.Call, phone, new[] { ContactOutcome.NoAnswer, ContactOutcome.Voicemail, ContactOutcome.RightPartyContact, ContactOutcome.Promise }[random.Next(4)]),
            1 => (ContactChannel.Email, email, new[] { ContactOutcome.Delivered, ContactOutcome.Opened, ContactOutcome.Bounced }[random.Next(3)]),
            2 => (ContactChannel.Sms, profile.Phones.FirstOrDefault(p => p.Kind == ContactPhoneKind.Mobile)?.E164, ContactOutcome.Delivered),
            _ => (ContactChannel.Letter, letter, ContactOutcome.Sent),
        };
    }

    private async Task<bool> RecordWishesAsync(ContactProfile profile, double wish, Instant now, CancellationToken cancellationToken)
    {
        var current = await getPreferences.HandleAsync(Seed, new GetContactPreferencesRequest(profile.AccountId), cancellationToken);
        if (current.History.Count > 0)
        {
            return false;
        }

        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var (preferences, reason) = wish switch
        {
            < 0.04 => (ContactPreferences.None with
            {
                Channels = [new ChannelPreference(ContactChannel.Call, ChannelConsent.OptedOut, ConsentSource.Spoken, "Said on a call: please do not ring me, write instead.")],
                PreferredChannel = ContactChannel.Email,
            }, "The customer asked us to stop calling."),
            < 0.08 => (ContactPreferences.None with { AllowedFrom = new LocalTime(17, 0), AllowedTo = new LocalTime(20, 0), AllowedDays = weekdays },
                "Works days; asked for contact on weekday evenings only."),
            < 0.10 => (ContactPreferences.None with { PausedUntil = now + Duration.FromDays(30) },
                "Asked for a month's break after a bereavement."),
            _ => (ContactPreferences.None with
            {
                Channels = [new ChannelPreference(ContactChannel.Email, ChannelConsent.OptedIn, ConsentSource.Electronic, "Ticked 'e-mail me' on the payment page.")],
                PreferredChannel = ContactChannel.Email,
                InconvenientTimes = [new InconvenientTimeWindow(new LocalTime(12, 0), new LocalTime(13, 0), weekdays, "lunch at work")],
            }, "Prefers e-mail; not at lunchtime."),
        };
        await changePreferences.HandleAsync(Seed, new ChangeContactPreferencesRequest(profile.AccountId, preferences, reason), cancellationToken);
        return true;
    }

    /// <summary>The card issuer calls less than the law allows: at most three calls and four texts a week per customer.</summary>
    private async Task<int> SetBudgetAsync(CancellationToken cancellationToken)
    {
        var creditor = await db.Set<Creditor>().AsNoTracking().Where(c => c.Code == DemoCreditors.CardIssuer.Code).Select(c => c.Id).SingleOrDefaultAsync(cancellationToken);
        if (creditor == default || (await getBudget.HandleAsync(Seed, new GetContactBudgetRequest(creditor), cancellationToken)).ChangedBy is not null)
        {
            return 0;
        }

        await changeBudget.HandleAsync(Seed, new ChangeContactBudgetRequest(creditor, new ContactBudget(3, 4, null, null), "Card issuer policy: no more than three calls and four texts a week."), cancellationToken);
        return 1;
    }
}
