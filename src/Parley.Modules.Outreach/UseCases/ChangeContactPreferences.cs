using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.UseCases;

/// <summary>The HTTP body of <c>PUT /api/accounts/{id}/contact-preferences</c>.</summary>
public sealed record ChangeContactPreferencesBody(ContactPreferences Preferences, string Reason)
{
    public ChangeContactPreferencesRequest For(AccountId account) => new(account, Preferences, Reason);
}

/// <summary>
/// Replaces the contact preferences of an account's customer, with a reason; who changed what and when is kept. Any
/// member of staff may (the customer tells whoever they speak to), and Parley itself (a STOP reply, a placement file).
/// </summary>
public sealed class ChangeContactPreferences(ParleyDbContext db, IAccountOwners owners, IClock clock) : IUseCase<ChangeContactPreferencesRequest, ContactPreferencesView>
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/accounts/{id}/contact-preferences", async Task<Ok<ContactPreferencesView>> (AccountId id, ChangeContactPreferencesBody body, ClaimsPrincipal user, ChangeContactPreferences handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), body.For(id), ct)))
            .RequireAuthorization(StaffPolicies.Staff)
            .WithName("ChangeContactPreferences")
            .WithSummary("Replace the contact preferences of the account's customer (opt-ins and opt-outs, allowed days and hours, pause, inconvenient times), with a reason.");

    public async Task<ContactPreferencesView> HandleAsync(Actor actor, ChangeContactPreferencesRequest request, CancellationToken cancellationToken)
    {
        actor.MustBeStaff("change a customer's contact preferences", [], allowSystem: true);
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
        {
            throw new DomainException(new PreferenceReasonRequired());
        }

        var now = clock.GetCurrentInstant();
        var preferences = Checked(request.Preferences, now);
        var owner = await owners.GetAsync(request.Account, cancellationToken) ?? throw new DomainException(new OutreachAccountNotFound(request.Account));
        actor.MustSee(owner.CreditorId, new OutreachAccountNotFound(request.Account));

        var current = await db.Set<CustomerPreferences>().SingleOrDefaultAsync(p => p.CustomerId == owner.CustomerId, cancellationToken);
        if (current is null)
        {
            current = new CustomerPreferences(owner.CustomerId, owner.CreditorId);
            db.Add(current);
        }

        db.Add(current.Change(preferences, now, actor.Name, reason));
        await db.SaveChangesAsync(cancellationToken);
        return await GetContactPreferences.ReadAsync(db, request.Account, owner.CustomerId, cancellationToken);
    }

    /// <summary>The preferences as stored: each refusal names its field; an opt-in or opt-out without a date is dated now.</summary>
    private static ContactPreferences Checked(ContactPreferences? p, Instant now)
    {
        if (p is null)
        {
            throw new DomainException(new PreferenceInvalid("preferences", "is required"));
        }

        var channels = new List<ChannelPreference>();
        for (var i = 0; i < p.Channels.Count; i++)
        {
            var c = p.Channels[i];
            if (channels.Any(x => x.Channel == c.Channel))
            {
                throw new DomainException(new PreferenceInvalid($"preferences.channels[{i}].channel", "names a channel already listed"));
            }

            var evidence = c.Evidence?.Trim() ?? "";
            if (c.Consent != ChannelConsent.NotStated && evidence.Length is 0 or > 500)
            {
                throw new DomainException(new PreferenceInvalid($"preferences.channels[{i}].evidence", "must say what the customer said or signed and where it is kept (up to 500 characters)"));
            }

            if (c.At is { } at && at > now)
            {
                throw new DomainException(new PreferenceInvalid($"preferences.channels[{i}].at", "is in the future"));
            }

            channels.Add(c with { Evidence = evidence, At = c.At ?? now });
        }

        if ((p.AllowedFrom is null) != (p.AllowedTo is null))
        {
            throw new DomainException(new PreferenceInvalid(p.AllowedFrom is null ? "preferences.allowedFrom" : "preferences.allowedTo", "must be given with the other end of the allowed hours"));
        }

        if (p.AllowedFrom is { } from && p.AllowedTo is { } to && from >= to)
        {
            throw new DomainException(new PreferenceInvalid("preferences.allowedTo", "must be after the start of the allowed hours"));
        }

        if (p.AllowedDays.Distinct().Count() != p.AllowedDays.Count || p.AllowedDays.Contains(IsoDayOfWeek.None))
        {
            throw new DomainException(new PreferenceInvalid("preferences.allowedDays", "must name each day once"));
        }

        if (p.PreferredLanguage is { Length: > 35 })
        {
            throw new DomainException(new PreferenceInvalid("preferences.preferredLanguage", "may hold at most 35 characters"));
        }

        if (p.PausedUntil is { } until && until <= now)
        {
            throw new DomainException(new PreferenceInvalid("preferences.pausedUntil", "must be in the future (leave it out to end a pause)"));
        }

        if (p.InconvenientTimes.Count > 20)
        {
            throw new DomainException(new PreferenceInvalid("preferences.inconvenientTimes", "may hold at most 20 times"));
        }

        for (var i = 0; i < p.InconvenientTimes.Count; i++)
        {
            var w = p.InconvenientTimes[i];
            if (w.From == w.To)
            {
                throw new DomainException(new PreferenceInvalid($"preferences.inconvenientTimes[{i}].to", "must differ from its start"));
            }

            if (w.Note is { Length: > 200 })
            {
                throw new DomainException(new PreferenceInvalid($"preferences.inconvenientTimes[{i}].note", "may hold at most 200 characters"));
            }
        }

        return p with { Channels = channels, PreferredLanguage = Texts.Trimmed(p.PreferredLanguage) };
    }
}
