using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Demo.Portfolio;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Demo.Seeding;

public sealed record DemoOutreachResult(int Contacts, int Preferences, int Budgets);

/// <summary>
/// The demo's contact history and contact preferences, through the Outreach use cases: for about four accounts in ten
/// a few calls, texts, e-mails and letters over the last three weeks at daytime hours in the customer's zone; for about
/// one customer in eight their wishes (calls opted out, evenings only, a 30-day pause, e-mail preferred); and the card
/// issuer's contact budget. Deterministic per seed and idempotent: contacts carry fixed keys, and preferences and
/// budgets already recorded are left alone.
/// </summary>
public sealed class DemoOutreach(
    ParleyDbContext db,
    IContactProfiles profiles,
    IUseCase<RecordContactAttemptRequest, ContactAttemptView> recordContact,
    IUseCase<ChangeContactPreferencesRequest, ContactPreferencesView> changePreferences,
    IUseCase<GetContactPreferencesRequest, ContactPreferencesView> getPreferences,
    IUseCase<ChangeContactBudgetRequest, ContactBudgetView> changeBudget,
    IUseCase<GetContactBudgetRequest, ContactBudgetView> getBudget)
{
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
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(profile.Addresses.FirstOrDefault()?.TimeZone ?? "UTC") ?? DateTimeZone.Utc;
            if (roll < 0.4 && !contactsSeeded)
            {
                contacts += await RecordContactsAsync(seed, profile, zone, now, random, cancellationToken);
            }

            if (wish < 0.125)
            {
                preferences += await RecordWishesAsync(profile, wish, now, cancellationToken) ? 1 : 0;
            }
        }

        return new DemoOutreachResult(contacts, preferences, await SetBudgetAsync(cancellationToken));
    }

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
