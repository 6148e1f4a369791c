using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Channels;

public sealed record UnsubscribeLinkInvalid()
    : DomainError("outreach.unsubscribe_link_invalid", "This unsubscribe link is not valid.", ErrorKind.NotFound);

/// <summary>
/// RFC 8058 one-click unsubscribe. <c>POST /outreach/unsubscribe/{token}</c> (what a mail client sends, and the button
/// on the page) records the e-mail opt-out at once (Reg F §1006.6(e)); <c>GET</c> only shows the page with the
/// button, so a mail scanner following links unsubscribes nobody. Anonymous: the token's HMAC is the authority.
/// </summary>
public static class UnsubscribeEndpoints
{
    public const string Route = "/outreach/unsubscribe/{token}";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (string token) => Page(
                "Stop e-mails from us",
                $"<p>Press the button to get no more e-mails from us about this account. Letters and other messages the law requires may still be sent.</p><form method=\"post\" action=\"/outreach/unsubscribe/{WebUtility.HtmlEncode(token)}\"><button type=\"submit\">Stop e-mails</button></form>"))
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithName("UnsubscribePage");
        app.MapPost(Route, async (string token, ParleyDbContext db, UnsubscribeTokens tokens, IUseCase<GetContactPreferencesRequest, ContactPreferencesView> read,
                IUseCase<ChangeContactPreferencesRequest, ContactPreferencesView> change, CancellationToken ct) =>
            {
                await UnsubscribeAsync(token, db, tokens, read, change, ct);
                return Page("You are unsubscribed", "<p>You will get no more e-mails from us about this account.</p>");
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("Unsubscribe")
            .WithSummary("One-click unsubscribe (RFC 8058): the token in the List-Unsubscribe link records the e-mail opt-out at once; a token that is not valid is a 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Checks the token against the addresses written to for its account, then opts the customer out of e-mail as Parley itself.</summary>
    public static async Task UnsubscribeAsync(string token, ParleyDbContext db, UnsubscribeTokens tokens, IUseCase<GetContactPreferencesRequest, ContactPreferencesView> read,
        IUseCase<ChangeContactPreferencesRequest, ContactPreferencesView> change, CancellationToken cancellationToken)
    {
        if (UnsubscribeTokens.Read(token) is not { Channel: ContactChannel.Email } parsed)
        {
            throw new DomainException(new UnsubscribeLinkInvalid());
        }

        var addresses = await db.Set<AddressLink>().AsNoTracking()
            .Where(l => l.AccountId == parsed.Account && l.Channel == ContactChannel.Email)
            .Select(l => l.Address).ToListAsync(cancellationToken);
        var matched = false;
        foreach (var address in addresses)
        {
            matched |= tokens.Matches(parsed.Account, parsed.Channel, address, parsed.Mac);
        }

        if (!matched)
        {
            throw new DomainException(new UnsubscribeLinkInvalid());
        }

        await OptOutOfEmailAsync(parsed.Account, "used the one-click unsubscribe link in an e-mail", Actor.System("unsubscribe"), read, change, cancellationToken);
    }

    /// <summary>Records the customer's e-mail opt-out on <paramref name="account"/> (a pause that still runs is kept); nothing when they are already out.</summary>
    internal static async Task OptOutOfEmailAsync(AccountId account, string evidence, Actor system, IUseCase<GetContactPreferencesRequest, ContactPreferencesView> read,
        IUseCase<ChangeContactPreferencesRequest, ContactPreferencesView> change, CancellationToken cancellationToken)
    {
        var current = (await read.HandleAsync(system, new GetContactPreferencesRequest(account), cancellationToken)).Preferences;
        if (current.Channels.Any(c => c.Channel == ContactChannel.Email && c.Consent == ChannelConsent.OptedOut))
        {
            return;
        }

        var preferences = current with
        {
            Channels = [.. current.Channels.Where(c => c.Channel != ContactChannel.Email), new ChannelPreference(ContactChannel.Email, ChannelConsent.OptedOut, ConsentSource.Electronic, evidence)],
            PausedUntil = null,
        };
        if (current.PausedUntil is { } until)
        {
            // Keep a pause that still runs (the use case refuses one in the past, which is no pause).
            preferences = preferences with { PausedUntil = until };
            try
            {
                await change.HandleAsync(system, new ChangeContactPreferencesRequest(account, preferences, "the customer unsubscribed from e-mails"), cancellationToken);
                return;
            }
            catch (DomainException)
            {
                preferences = preferences with { PausedUntil = null };
            }
        }

        await change.HandleAsync(system, new ChangeContactPreferencesRequest(account, preferences, "the customer unsubscribed from e-mails"), cancellationToken);
    }

    private static IResult Page(string title, string body) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>",
        "text/html; charset=utf-8");
}
