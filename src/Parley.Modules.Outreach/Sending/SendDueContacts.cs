using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Calls;
using Parley.Modules.Outreach.Channels;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Modules.Outreach.Planning;
using Parley.Modules.Outreach.Templates;
using Parley.Modules.Outreach.UseCases;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.Modules.Outreach.Sending;

/// <summary>
/// How the sender claims and retries: a batch is held for <see cref="Lease"/> (a crashed host's batch is taken over
/// when it runs out); a "try later" is retried after each <see cref="Backoff"/> in turn, and is a dead letter after the last.
/// </summary>
public sealed record SendingOptions(Duration Lease, int BatchSize, IReadOnlyList<Duration> Backoff)
{
    public static SendingOptions Default { get; } = new(
        Duration.FromMinutes(2),
        100,
        [Duration.FromMinutes(1), Duration.FromMinutes(5), Duration.FromMinutes(30), Duration.FromHours(2), Duration.FromHours(6)]);

    /// <summary>Tries in all: the first and one per backoff step.</summary>
    public int MaxAttempts => Backoff.Count + 1;
}

/// <summary>
/// Sends the planned contacts that are due (ADR 19). Each batch is claimed for a lease (PostgreSQL: <c>FOR UPDATE SKIP
/// LOCKED</c>, as the outbox dispatcher; SQLite: one UPDATE, single writer). Each contact passes the gate again on fresh
/// facts at the send instant: a payment, hold, opt-out, pause or dispute since planning cancels it with the reason;
/// outside the lawful window now (or overdue after a stop) it is re-planned to the next lawful instant. Then it is
/// rendered, recorded in the contact history under the send's idempotency key (outcome queued) with the decision id,
/// and handed to the channel with the same key, which the channel dedupes — so a crash never sends it twice. A call
/// step becomes a call task. "Try later" is retried with backoff and ends as a dead letter, visible with its reason.
/// </summary>
public sealed partial class SendDueContacts(
    ParleyDbContext db,
    IComplianceGate gate,
    IEnumerable<IChannelSender> senders,
    IContactableAccounts accounts,
    RecordContactAttempt recordAttempt,
    RecordContactOutcome recordOutcome,
    IClock clock,
    SendingOptions options,
    ILogger<SendDueContacts> logger,
    LetterRecipients letters,
    IMessageRenderer? renderer = null) : IUseCase<SendDueContactsRequest, SendRunSummary>
{
    private static readonly Actor Sender = Actor.System("outreach-sender");

    private static readonly Meter Meter = new("Parley.Outreach");

    /// <summary>What the gate's re-check at the send instant costs a message that reaches the gate (account status, pause, the gate on fresh facts).</summary>
    private static readonly Histogram<double> RecheckTime = Meter.CreateHistogram<double>("parley.outreach.send.recheck", "ms", "The send-time compliance re-check of one planned contact");

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/outreach/send-due", async Task<Ok<SendRunSummary>> (ClaimsPrincipal user, SendDueContacts handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.From(user), new SendDueContactsRequest(), ct)))
            .RequireAuthorization(StaffPolicies.Admin)
            .WithName("SendDueContacts")
            .WithSummary("Send the planned contacts that are due now (each passes the compliance gate again first).");

    public async Task<SendRunSummary> HandleAsync(Actor actor, SendDueContactsRequest request, CancellationToken cancellationToken)
    {
        // Sending runs for every creditor at once: the job and the operator's CLI, or an admin.
        actor.MustBeStaff("send due contacts", [StaffRoles.Admin], allowSystem: true);
        var total = new Tally();
        for (var i = 0; i < Math.Max(1, request.MaxBatches); i++)
        {
            var tally = await SendBatchAsync(cancellationToken);
            total.Add(tally);
            if (tally.Claimed < options.BatchSize)
            {
                break;
            }
        }

        return total.Summary();
    }

    /// <summary>One claimed batch, each contact saved as it is settled.</summary>
    internal async Task<Tally> SendBatchAsync(CancellationToken cancellationToken)
    {
        var claim = NewId.Next();
        var now = clock.GetCurrentInstant();
        var until = now + options.Lease;
        await ClaimAsync(claim, now, until, cancellationToken);
        db.ChangeTracker.Clear();
        var batch = await db.Set<PlannedContact>().Where(p => p.ClaimId == claim).OrderBy(p => p.NextAttemptAt).ToListAsync(cancellationToken);
        var tally = new Tally { Claimed = batch.Count };
        var settled = 0;
        try
        {
            foreach (var contact in batch)
            {
                if (clock.GetCurrentInstant() >= until)
                {
                    LogLeaseRanOut(logger, batch.Count - settled);
                    break;
                }

                await SendOneAsync(contact, tally, cancellationToken);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    LogClaimLost(logger, contact.Id.Value);
                    break;
                }

                settled++;
            }
        }
        finally
        {
            if (settled < batch.Count)
            {
                // Stopping: hand the rest back now rather than when the lease runs out.
                var ids = batch.Skip(settled).Select(p => p.Id).ToList();
                await db.Set<PlannedContact>()
                    .Where(p => p.ClaimId == claim && ids.Contains(p.Id) && p.Status == PlannedContactStatus.Sending)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PlannedContactStatus.Planned).SetProperty(p => p.ClaimId, (Guid?)null).SetProperty(p => p.ClaimedUntil, (Instant?)null), CancellationToken.None);
            }
        }

        return tally;
    }

    private async Task SendOneAsync(PlannedContact contact, Tally tally, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var key = SendKey(contact.Id);
        var inFlight = await db.Set<ContactAttempt>().AsNoTracking().Where(a => a.AccountId == contact.AccountId && a.IdempotencyKey == key).SingleOrDefaultAsync(cancellationToken);
        if (inFlight is not null && contact.LastError is null && inFlight.At >= now - (options.Lease + options.Lease))
        {
            // A host stopped between recording the send and hearing back: the decision was made and the message may have
            // left, so the hand-over is completed under the same key (the channel delivers a key once), not decided again.
            await HandOverAsync(contact, inFlight.Id, inFlight.Address, inFlight.ComplianceDecision, tally, cancellationToken);
            return;
        }

        var recheck = Stopwatch.GetTimestamp();
        var statuses = await accounts.StatusesAsync([contact.AccountId], cancellationToken);
        if (statuses.GetValueOrDefault(contact.AccountId, AccountStatus.Closed) is not AccountStatus.Open and var status)
        {
            contact.Cancel($"the account is {Words(status)} now", [], null, now);
            tally.Cancelled++;
            return;
        }

        var stored = await db.Set<CustomerPreferences>().AsNoTracking().Where(p => p.CustomerId == contact.CustomerId)
            .Select(p => p.Preferences).SingleOrDefaultAsync(cancellationToken) ?? ContactPreferences.None;
        if (stored.PausedUntil is { } paused && paused > now)
        {
            contact.Cancel($"the customer paused contact until {paused.InUtc().Date:uuuu-MM-dd}", [], null, now);
            tally.Cancelled++;
            return;
        }

        ContactCheck check;
        try
        {
            check = await gate.EvaluateAsync(new ContactProposal(contact.AccountId, contact.Channel, now), cancellationToken);
        }
        catch (DomainException e)
        {
            contact.Cancel(e.Error.Detail, [], null, now);
            tally.Cancelled++;
            return;
        }

        RecheckTime.Record(Stopwatch.GetElapsedTime(recheck).TotalMilliseconds);
        var decision = check.Channels[0];
        if (!decision.Allowed)
        {
            if (decision.NextLawfulAt is { } next && next > now && decision.Decision == "deny")
            {
                var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(check.CustomerTimeZone) ?? DateTimeZone.Utc;
                contact.Replan(next, $"re-planned at send time to {next.InZone(zone).LocalDateTime:ddd d MMM HH:mm} ({check.CustomerTimeZone}): {decision.Reason}");
                contact.ComplianceDecision = check.DecisionId ?? contact.ComplianceDecision;
                tally.Replanned++;
                return;
            }

            contact.Cancel($"refused at send time: {decision.Reason}", decision.RuleIds, check.DecisionId, now, decision.NextLawfulAt);
            tally.Cancelled++;
            return;
        }

        if (contact.Channel == ContactChannel.Call)
        {
            db.Add(CallTaskFor(contact, check, stored, now));
            contact.Sent(now, null, check.DecisionId);
            tally.CallTasks++;
            return;
        }

        if (contact.Purpose is not { } purpose || decision.To is not { } named)
        {
            contact.DeadLetter(decision.To is null ? $"no {contact.Channel.Name()} address on file" : "a message without a purpose");
            tally.DeadLettered++;
            return;
        }

        if (renderer is null)
        {
            // The template library registers the renderer; a host without one keeps the contact for a person to see.
            contact.DeadLetter("no message renderer is configured");
            tally.DeadLettered++;
            return;
        }

        var to = AddressOf(named);
        RenderedMessage rendered;
        try
        {
            rendered = await renderer.RenderAsync(new TemplateKey(purpose, contact.Channel, contact.Language, contact.Tone), contact.AccountId, now, cancellationToken);
        }
        catch (DomainException e)
        {
            // A missing template or a missing disclosure does not mend itself by waiting: a person must look.
            contact.DeadLetter($"the message could not be rendered: {e.Error.Detail}");
            tally.DeadLettered++;
            return;
        }

        var attempt = await recordAttempt.HandleAsync(Sender, new RecordContactAttemptRequest(
            contact.AccountId, contact.Channel, to, key, ContactDirection.Outbound, now, ContactOutcome.Queued,
            rendered.TemplateName, rendered.TemplateVersion, contact.Tone.ToString().ToLowerInvariant(), check.DecisionId), cancellationToken);
        await HandOverAsync(contact, attempt.Id, to, check.DecisionId, tally, cancellationToken, rendered);
    }

    /// <summary>Hands the message to its channel under the send's key and settles the contact on the answer.</summary>
    private async Task HandOverAsync(PlannedContact contact, ContactAttemptId attempt, string to, long? decision, Tally tally, CancellationToken cancellationToken, RenderedMessage? rendered = null)
    {
        var key = SendKey(contact.Id);
        SendOutcome outcome;
        try
        {
            rendered ??= await renderer!.RenderAsync(new TemplateKey(contact.Purpose!.Value, contact.Channel, contact.Language, contact.Tone), contact.AccountId, clock.GetCurrentInstant(), cancellationToken);
            // The last sender registered for a channel is the one in use (as ChannelSenders.For): a host's configuration overrides the defaults.
            var channel = senders.LastOrDefault(s => s.Channel == contact.Channel);
            outcome = channel is null
                ? SendOutcome.Refused($"no sender is configured for {contact.Channel.Name()}")
                : await channel.SendAsync(new OutgoingMessage(key, contact.AccountId, contact.Channel,
                    contact.Channel == ContactChannel.Letter ? await letters.ForAsync(contact.AccountId, to, cancellationToken) : to,
                    rendered.Subject, rendered.Text, rendered.Html, contact.Language), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The type and message only: a channel's exception may carry the address, which stays out of logs.
            outcome = SendOutcome.TryLater($"{e.GetType().Name}: {e.Message}");
        }

        var at = clock.GetCurrentInstant();
        if (outcome.Accepted)
        {
            await recordOutcome.HandleAsync(Sender, new RecordContactOutcomeRequest(contact.AccountId, attempt, ContactOutcome.Sent, at), cancellationToken);
            contact.Sent(at, outcome.ProviderMessageId, decision);
            tally.Sent++;
        }
        else if (outcome.Retryable && contact.Attempts + 1 < options.MaxAttempts)
        {
            contact.Failed(outcome.Error ?? "the channel asked to try later", at + options.Backoff[contact.Attempts]);
            tally.Retrying++;
        }
        else
        {
            await recordOutcome.HandleAsync(Sender, new RecordContactOutcomeRequest(contact.AccountId, attempt, ContactOutcome.Failed, at, Note: "not sent"), cancellationToken);
            contact.DeadLetter(outcome.Retryable ? $"gave up after {contact.Attempts + 1} tries: {outcome.Error}" : outcome.Error ?? "the channel refused the message");
            tally.DeadLettered++;
        }
    }

    /// <summary>
    /// The address alone: the gate names it with its kind ("email:jane@example.com"), which no channel can deliver to
    /// and the contact history would not match against a bounce.
    /// </summary>
    internal static string AddressOf(string named) =>
        named.IndexOf(':', StringComparison.Ordinal) is var i and > 0 && named.AsSpan(0, i).ContainsAnyExceptInRange('a', 'z') is false ? named[(i + 1)..] : named;

    /// <summary>The send's idempotency key: the contact history's attempt key and the channel's (Message-ID, client reference).</summary>
    public static string SendKey(PlannedContactId id) => $"send:{id}";

    /// <summary>A call to make from now to the end of the customer's window today (the law's hours narrowed by theirs).</summary>
    private static CallTask CallTaskFor(PlannedContact contact, ContactCheck check, ContactPreferences preferences, Instant now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(check.CustomerTimeZone) ?? DateTimeZone.Utc;
        var today = now.InZone(zone).Date;
        var close = ContactHours.Window(today, preferences) is { } w ? w.To : ContactHours.LawTo;
        var to = zone.ResolveLocal(today.At(close), NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant();
        if (to <= now)
        {
            to = now + Duration.FromHours(1);
        }

        var reason = contact.Reasons.FirstOrDefault() ?? "the ladder's call step";
        return new CallTask(contact.Id, contact.AccountId, contact.CreditorId, reason.Length > 500 ? reason[..500] : reason, now, to, zone.Id, check.DecisionId, now);
    }

    private Task<int> ClaimAsync(Guid claim, Instant now, Instant until, CancellationToken cancellationToken)
    {
        var planned = nameof(PlannedContactStatus.Planned);
        var sending = nameof(PlannedContactStatus.Sending);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // SKIP LOCKED: rows another host is claiming right now are passed over; a Sending row whose lease ran out belonged to a host that stopped.
            return db.Database.ExecuteSqlAsync(
                $"""
                UPDATE outreach_planned_contacts SET "Status" = {sending}, "ClaimId" = {claim}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM outreach_planned_contacts
                    WHERE (("Status" = {planned} AND "NextAttemptAt" <= {now}) OR ("Status" = {sending} AND "ClaimedUntil" <= {now}))
                    ORDER BY "NextAttemptAt"
                    LIMIT {options.BatchSize}
                    FOR UPDATE SKIP LOCKED)
                """,
                cancellationToken);
        }

        // SQLite has one writer at a time, so one UPDATE statement claims atomically.
        var due = db.Set<PlannedContact>()
            .Where(p => (p.Status == PlannedContactStatus.Planned && p.NextAttemptAt <= now) || (p.Status == PlannedContactStatus.Sending && p.ClaimedUntil <= now))
            .OrderBy(p => p.NextAttemptAt)
            .Take(options.BatchSize)
            .Select(p => p.Id);
        return db.Set<PlannedContact>()
            .Where(p => due.Contains(p.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PlannedContactStatus.Sending).SetProperty(p => p.ClaimId, claim).SetProperty(p => p.ClaimedUntil, until), cancellationToken);
    }

    private static string Words(AccountStatus status) => status switch
    {
        AccountStatus.Open => "open",
        AccountStatus.InArrangement => "in an arrangement",
        AccountStatus.PaidInFull => "paid in full",
        AccountStatus.Settled => "settled",
        AccountStatus.Recalled => "recalled by the creditor",
        AccountStatus.Closed => "closed",
        AccountStatus.InCredit => "in credit",
    };

    internal sealed class Tally
    {
        public int Claimed { get; set; }

        public int Sent { get; set; }

        public int CallTasks { get; set; }

        public int Replanned { get; set; }

        public int Cancelled { get; set; }

        public int Retrying { get; set; }

        public int DeadLettered { get; set; }

        public void Add(Tally other)
        {
            Claimed += other.Claimed;
            Sent += other.Sent;
            CallTasks += other.CallTasks;
            Replanned += other.Replanned;
            Cancelled += other.Cancelled;
            Retrying += other.Retrying;
            DeadLettered += other.DeadLettered;
        }

        public SendRunSummary Summary() => new(Claimed, Sent, CallTasks, Replanned, Cancelled, Retrying, DeadLettered);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outreach sending pass ran out of its lease with {Count} contact(s) left; they go to the next pass")]
    private static partial void LogLeaseRanOut(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Planned contact {ContactId} was taken over by another pass after this pass's lease ran out; this pass stops")]
    private static partial void LogClaimLost(ILogger logger, Guid contactId);
}
