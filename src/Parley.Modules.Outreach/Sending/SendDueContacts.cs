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
using Parley.Modules.Outreach.Facts;
using Parley.Modules.Outreach.Planning;
using Parley.Modules.Outreach.Templates;
using Parley.Modules.Outreach.UseCases;
using Parley.Persistence;
using Parley.Persistence.Conventions;
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
/// A batch is worked set-based: the facts the re-check needs are read once for the batch, the gate runs in memory
/// (the planners' gate: the same rules and facts), its decisions are appended in one bulk write with the attempts, and
/// a channel that can takes the batch's messages at once.
/// </summary>
public sealed partial class SendDueContacts(
    ParleyDbContext db,
    IPlanningGate gate,
    IContactProfiles profiles,
    IEnumerable<IChannelSender> senders,
    IContactableAccounts accounts,
    IClock clock,
    SendingOptions options,
    ILogger<SendDueContacts> logger,
    LetterRecipients letters,
    IMessageRenderer? renderer = null) : IUseCase<SendDueContactsRequest, SendRunSummary>
{
    private static readonly Actor Sender = Actor.System("outreach-sender");

    private static readonly Meter Meter = new("Parley.Outreach");

    /// <summary>How far either side of the send instant the re-check reads history (the stored-account gate's own reach).</summary>
    private static readonly Duration HistoryReach = Duration.FromDays(32);

    /// <summary>
    /// What the send-time re-check costs a message: a batch's re-check (account statuses, pauses, the gate's facts read
    /// set-based, the gate in memory, its decisions appended) divided by the messages it re-checked, recorded per message.
    /// </summary>
    private static readonly Histogram<double> RecheckTime = Meter.CreateHistogram<double>("parley.outreach.send.recheck", "ms", "The send-time compliance re-check of one planned contact (its batch's re-check divided by the batch's messages)");

    private IReadOnlyDictionary<CreditorId, ContactBudget>? _budgets;

    private Phases _phases = new();

    /// <summary>Where a batch's time went (the debug line a benchmark sums).</summary>
    private sealed class Phases
    {
        public double RecheckReadMs { get; set; }

        public double GateMs { get; set; }

        public double RenderMs { get; set; }

        public double RecordMs { get; set; }

        public double HandOverMs { get; set; }

        public double SettleMs { get; set; }
    }

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

    /// <summary>A message on its way to its channel: rendered, its attempt recorded (outcome queued), its decision known.</summary>
    private sealed class Leaving(PlannedContact contact, string to)
    {
        public PlannedContact Contact { get; } = contact;

        public string To { get; } = to;

        public int? Ticket { get; init; }

        public long? Decision { get; set; }

        public RenderedMessage? Rendered { get; set; }

        public string? RenderError { get; set; }

        /// <summary>What the batch renderer read of the account (a letter's envelope is written from it).</summary>
        public MessageAccount? Account { get; set; }

        public ContactAttempt? Attempt { get; set; }

        public SendOutcome? Outcome { get; set; }
    }

    /// <summary>The gate's answer on one contact of the batch, or why it never reached the gate.</summary>
    private sealed record Recheck(PreGateRefusal? Refused, PlanningVerdict? Verdict, string? NotFound);

    /// <summary>One claimed batch: re-checked together, recorded together, handed over, settled together.</summary>
    internal async Task<Tally> SendBatchAsync(CancellationToken cancellationToken)
    {
        var claim = NewId.Next();
        var now = clock.GetCurrentInstant();
        var until = now + options.Lease;
        await ClaimAsync(claim, now, until, cancellationToken);
        db.ChangeTracker.Clear();
        var batch = await db.Set<PlannedContact>().Where(p => p.ClaimId == claim).OrderBy(p => p.NextAttemptAt).ToListAsync(cancellationToken);
        var tally = new Tally { Claimed = batch.Count };
        if (batch.Count == 0)
        {
            return tally;
        }

        var settled = new HashSet<PlannedContact>(ReferenceEqualityComparer.Instance);
        _phases = new Phases();
        try
        {
            var leaving = await DecideAsync(batch, now, tally, settled, cancellationToken);
            if (leaving is null)
            {
                return tally;
            }

            var handOver = Stopwatch.GetTimestamp();
            await HandOverAsync(leaving, until, cancellationToken);
            _phases.HandOverMs = Stopwatch.GetElapsedTime(handOver).TotalMilliseconds;
            if (leaving.Count(l => l.Outcome is null) is > 0 and var left)
            {
                LogLeaseRanOut(logger, left);
            }

            var settle = Stopwatch.GetTimestamp();
            var (answered, outcomes) = SettleOutcomes(leaving, tally, settled);
            try
            {
                // The contacts' new states first (a batch taken over by another pass fails here), then the outcomes in bulk.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                var bulk = BulkWriter.For(db);
                await bulk.UpdateAsync(answered, [nameof(ContactAttempt.LatestOutcome), nameof(ContactAttempt.Result)], cancellationToken);
                await bulk.InsertAsync(outcomes, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                _phases.SettleMs = Stopwatch.GetElapsedTime(settle).TotalMilliseconds;
                LogBatch(logger, batch.Count, _phases.RecheckReadMs, _phases.GateMs, _phases.RenderMs, _phases.RecordMs, _phases.HandOverMs, _phases.SettleMs);
            }
            catch (DbUpdateConcurrencyException)
            {
                LogClaimLost(logger, batch.Count);
                settled.UnionWith(batch);
            }
        }
        finally
        {
            if (settled.Count < batch.Count)
            {
                // Stopping: hand the rest back now rather than when the lease runs out (what was recorded is completed under its key by the next pass).
                var ids = batch.Where(p => !settled.Contains(p)).Select(p => p.Id).ToList();
                await db.Set<PlannedContact>()
                    .Where(p => p.ClaimId == claim && ids.Contains(p.Id) && p.Status == PlannedContactStatus.Sending)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PlannedContactStatus.Planned).SetProperty(p => p.ClaimId, (Guid?)null).SetProperty(p => p.ClaimedUntil, (Instant?)null), CancellationToken.None);
            }
        }

        return tally;
    }

    /// <summary>
    /// The re-check of the whole batch and what follows from it, saved in one transaction with the decisions: cancelled,
    /// re-planned, call tasks and dead letters settled; the messages that leave rendered and recorded. Null when the claim was lost.
    /// </summary>
    private async Task<List<Leaving>?> DecideAsync(List<PlannedContact> batch, Instant now, Tally tally, HashSet<PlannedContact> settled, CancellationToken cancellationToken)
    {
        var keys = batch.Select(p => SendKey(p.Id)).ToArray();
        var accountIds = batch.Select(p => p.AccountId).Distinct().ToArray();
        // Untracked: what the batch adds to an attempt is written in bulk, not found by the change tracker.
        var recorded = (await db.Set<ContactAttempt>().AsNoTracking().Where(a => EF.Parameter(accountIds).Contains(a.AccountId) && EF.Parameter(keys).Contains(a.IdempotencyKey)).ToListAsync(cancellationToken))
            .ToDictionary(a => a.IdempotencyKey, StringComparer.Ordinal);
        var leaving = new List<Leaving>();
        var toCheck = new List<PlannedContact>();
        foreach (var contact in batch)
        {
            if (recorded.TryGetValue(SendKey(contact.Id), out var inFlight) && contact.LastError is null && inFlight.At >= now - (options.Lease + options.Lease))
            {
                // A host stopped between recording the send and hearing back: the decision was made and the message may have
                // left, so the hand-over is completed under the same key (the channel delivers a key once), not decided again.
                leaving.Add(new Leaving(contact, inFlight.Address) { Decision = inFlight.ComplianceDecision, Attempt = inFlight });
            }
            else
            {
                toCheck.Add(contact);
            }
        }

        var started = Stopwatch.GetTimestamp();
        var (pre, checks, gated) = await RecheckAsync(toCheck, now, cancellationToken);
        var render = Stopwatch.GetTimestamp();

        // The messages that leave are rendered before the decisions are appended: the log's lock is held only for the writes.
        var fresh = new List<Leaving>();
        for (var i = 0; i < toCheck.Count; i++)
        {
            if (checks[i]!.Verdict is { Allowed: true } verdict && toCheck[i].Channel != ContactChannel.Call && toCheck[i].Purpose is not null && verdict.To is { } named)
            {
                fresh.Add(new Leaving(toCheck[i], AddressOf(named)) { Ticket = verdict.Ticket });
            }
        }

        await RenderAsync(fresh, leaving, now, cancellationToken);
        _phases.RenderMs = Stopwatch.GetElapsedTime(render).TotalMilliseconds;
        var record = Stopwatch.GetTimestamp();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tickets = checks.Where(c => c?.Verdict is not null).Select(c => c!.Verdict!.Ticket).ToList();
        var decisions = await gated.LogAsync(tickets, cancellationToken);
        if (toCheck.Count > 0)
        {
            // The re-check is the reads and the gate before rendering, and the decisions' append after it.
            var perMessage = (Stopwatch.GetElapsedTime(started, render) + Stopwatch.GetElapsedTime(record)).TotalMilliseconds / toCheck.Count;
            for (var i = 0; i < toCheck.Count; i++)
            {
                RecheckTime.Record(perMessage);
            }
        }

        var rendering = fresh.ToDictionary(l => l.Ticket!.Value);
        for (var i = 0; i < toCheck.Count; i++)
        {
            var contact = toCheck[i];
            var check = checks[i]!;
            if (check.Refused is { } refused)
            {
                contact.Cancel(refused.Reason, [], null, now);
                tally.Cancelled++;
                settled.Add(contact);
                continue;
            }

            if (check.Verdict is not { } verdict)
            {
                contact.Cancel(check.NotFound!, [], null, now);
                tally.Cancelled++;
                settled.Add(contact);
                continue;
            }

            var decision = decisions[verdict.Ticket];
            if (!verdict.Allowed)
            {
                if (verdict.NextLawfulAt is { } next && next > now && verdict.Decision == "deny")
                {
                    var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(verdict.CustomerTimeZone) ?? DateTimeZone.Utc;
                    contact.Replan(next, $"re-planned at send time to {next.InZone(zone).LocalDateTime:ddd d MMM HH:mm} ({verdict.CustomerTimeZone}): {verdict.Reason}");
                    contact.ComplianceDecision = decision;
                    tally.Replanned++;
                }
                else
                {
                    contact.Cancel($"refused at send time: {verdict.Reason}", verdict.RuleIds, decision, now, verdict.NextLawfulAt);
                    tally.Cancelled++;
                }

                settled.Add(contact);
                continue;
            }

            if (contact.Channel == ContactChannel.Call)
            {
                db.Add(CallTaskFor(contact, verdict.CustomerTimeZone, decision, pre.PreferencesOf(contact.CustomerId), now));
                contact.Sent(now, null, decision);
                tally.CallTasks++;
                settled.Add(contact);
                continue;
            }

            if (!rendering.TryGetValue(verdict.Ticket, out var l))
            {
                contact.DeadLetter(verdict.To is null ? $"no {contact.Channel.Name()} address on file" : "a message without a purpose", now);
                tally.DeadLettered++;
                settled.Add(contact);
                continue;
            }

            l.Decision = decision;
            if (l.Rendered is null)
            {
                // A missing template or a missing disclosure does not mend itself by waiting: a person must look.
                contact.DeadLetter(l.RenderError ?? "no message renderer is configured", now);
                tally.DeadLettered++;
                settled.Add(contact);
                continue;
            }

            leaving.Add(l);
        }

        var attempts = new List<ContactAttempt>();
        var queued = new List<ContactAttemptOutcome>();
        foreach (var l in leaving)
        {
            if (l.Attempt is not null || l.Rendered is not { } rendered)
            {
                continue;
            }

            var key = SendKey(l.Contact.Id);
            if (recorded.TryGetValue(key, out var earlier))
            {
                // A retry under the send's key: the attempt recorded by the first try is the one the outcome joins.
                l.Attempt = earlier;
                continue;
            }

            string address;
            try
            {
                address = ContactAddresses.Normalise(l.Contact.Channel, l.To);
            }
            catch (DomainException e)
            {
                l.Contact.DeadLetter($"the address on file cannot be written to: {e.Error.Detail}", now);
                tally.DeadLettered++;
                settled.Add(l.Contact);
                continue;
            }

            var attempt = new ContactAttempt(l.Contact.AccountId, l.Contact.CustomerId, l.Contact.CreditorId, l.Contact.Channel, ContactDirection.Outbound, address, now, key, Sender.Name)
            {
                Template = rendered.TemplateName,
                TemplateVersion = rendered.TemplateVersion,
                Tone = l.Contact.Tone.ToString().ToLowerInvariant(),
                ComplianceDecision = l.Decision,
            };
            queued.Add(attempt.AddOutcome(ContactOutcome.Queued, now, Sender.Name, null));
            attempts.Add(attempt);
            l.Attempt = attempt;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another pass took the batch over after this pass's lease ran out: it decides; this pass records nothing.
            LogClaimLost(logger, batch.Count);
            settled.UnionWith(batch);
            return null;
        }

        // The attempts and their first outcome in bulk, in the same transaction: a pass that dies here recorded none of them.
        var bulk = BulkWriter.For(db);
        await bulk.InsertAsync(attempts, cancellationToken);
        await bulk.InsertAsync(queued, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _phases.RecordMs = Stopwatch.GetElapsedTime(record).TotalMilliseconds;
        return [.. leaving.Where(l => l.Attempt is not null && !settled.Contains(l.Contact))];
    }

    /// <summary>
    /// The gate again on fresh facts, for the whole batch: statuses and pauses, then profiles, history, preferences,
    /// budgets and bounced addresses read once, and the gate in memory. Messages to one customer are checked in turn,
    /// each allowed one counted in that customer's history for the next, so the frequency and budget caps hold within a batch.
    /// </summary>
    private async Task<(PreGate Pre, Recheck?[] Checks, IPlanningBatch Gated)> RecheckAsync(List<PlannedContact> toCheck, Instant now, CancellationToken cancellationToken)
    {
        var gated = gate.StartBatch();
        var checks = new Recheck?[toCheck.Count];
        var pre = await PreGate.ReadAsync(db, accounts, [.. toCheck.Select(c => (c.AccountId, c.CustomerId))], cancellationToken);
        var passing = new List<int>(toCheck.Count);
        for (var i = 0; i < toCheck.Count; i++)
        {
            if (pre.Refusal(toCheck[i].AccountId, toCheck[i].CustomerId, now) is { } refused)
            {
                checks[i] = new Recheck(refused, null, null);
            }
            else
            {
                passing.Add(i);
            }
        }

        if (passing.Count == 0)
        {
            return (pre, checks, gated);
        }

        var reads = Stopwatch.GetTimestamp();
        var ids = passing.Select(i => toCheck[i].AccountId).Distinct().ToArray();
        var found = await profiles.GetManyAsync(ids, now, cancellationToken);
        var histories = await ContactHistoryFactsReader.ReadAsync(db, passing.Select(i => toCheck[i]).DistinctBy(c => c.AccountId).ToDictionary(c => c.AccountId, c => c.CustomerId),
            now - HistoryReach, now + HistoryReach, cancellationToken);
        var customers = passing.Select(i => toCheck[i].CustomerId).Distinct().ToArray();
        var undeliverable = await CustomerPreferencesReader.UndeliverableAsync(db, customers, cancellationToken);
        _budgets ??= await CustomerPreferencesReader.BudgetsAsync(db, cancellationToken);
        var budgets = _budgets;
        _phases.RecheckReadMs = Stopwatch.GetElapsedTime(reads).TotalMilliseconds;
        var gating = Stopwatch.GetTimestamp();

        // The gate is pure CPU on facts already read: customers in parallel, each customer's messages in the batch's order.
        var byCustomer = passing.GroupBy(i => toCheck[i].CustomerId).ToArray();
        Parallel.ForEach(byCustomer, new ParallelOptions { CancellationToken = cancellationToken }, group =>
        {
            var made = new List<PastContact>();
            var wishes = new Dictionary<CreditorId, CustomerContactWishes?>();
            foreach (var i in group)
            {
                var contact = toCheck[i];
                if (!found.TryGetValue(contact.AccountId, out var profile))
                {
                    checks[i] = new Recheck(null, null, new OutreachAccountNotFound(contact.AccountId).Detail);
                    continue;
                }

                if (!wishes.TryGetValue(contact.CreditorId, out var wish))
                {
                    var stored = pre.Stored(contact.CustomerId);
                    wish = CustomerPreferencesReader.Compose(stored?.Preferences, stored?.ChangedAt ?? default, budgets.GetValueOrDefault(contact.CreditorId), [.. undeliverable[contact.CustomerId]]);
                    wishes[contact.CreditorId] = wish;
                }

                var history = histories.GetValueOrDefault(contact.AccountId);
                if (history is not null && made.Count > 0)
                {
                    history = history with { Contacts = [.. history.Contacts, .. made] };
                }

                var verdict = gated.Evaluate(profile, contact.Channel, now, history, wish);
                checks[i] = new Recheck(null, verdict, null);
                if (verdict.Allowed && contact.Channel != ContactChannel.Call && verdict.To is { } to)
                {
                    // This message counts against the next one to the same customer, as it will once it is recorded.
                    var address = AddressOf(to);
                    made.Add(new PastContact(contact.AccountId, contact.Channel, false, now, PastContactResult.Attempted, address));
                }
            }
        });

        _phases.GateMs = Stopwatch.GetElapsedTime(gating).TotalMilliseconds;
        return (pre, checks, gated);
    }

    /// <summary>
    /// Renders the batch's new messages (a failure is kept as the reason for its dead letter) and its in-flight ones again
    /// (the text is not stored: the same template and facts give the same message; a failure there is a "try later").
    /// </summary>
    private async Task RenderAsync(List<Leaving> fresh, List<Leaving> inFlight, Instant now, CancellationToken cancellationToken)
    {
        if (renderer is IBatchMessageRenderer many)
        {
            var all = fresh.Concat(inFlight).ToList();
            var results = await many.RenderManyAsync([.. all.Select(l => (new TemplateKey(l.Contact.Purpose!.Value, l.Contact.Channel, l.Contact.Language, l.Contact.Tone), l.Contact.AccountId))], now, cancellationToken);
            for (var i = 0; i < all.Count; i++)
            {
                var l = all[i];
                l.Rendered = results[i].Message;
                l.Account = results[i].Account;
                if (results[i].Error is { } error)
                {
                    l.RenderError = $"the message could not be rendered: {error.Detail}";
                    if (l.Attempt is not null)
                    {
                        l.Outcome = SendOutcome.TryLater(l.RenderError);
                    }
                }
            }

            return;
        }

        foreach (var l in fresh.Concat(inFlight))
        {
            if (renderer is null)
            {
                // The template library registers the renderer; a host without one keeps the contact for a person to see.
                if (l.Attempt is not null)
                {
                    l.Outcome = SendOutcome.TryLater("no message renderer is configured");
                }

                continue;
            }

            var key = new TemplateKey(l.Contact.Purpose!.Value, l.Contact.Channel, l.Contact.Language, l.Contact.Tone);
            try
            {
                l.Rendered = await renderer.RenderAsync(key, l.Contact.AccountId, now, cancellationToken);
            }
            catch (DomainException e)
            {
                l.RenderError = $"the message could not be rendered: {e.Error.Detail}";
                if (l.Attempt is not null)
                {
                    l.Outcome = SendOutcome.TryLater(l.RenderError);
                }
            }
        }
    }

    /// <summary>Hands the messages to their channels under their keys; none starts once the lease has run out.</summary>
    private async Task HandOverAsync(List<Leaving> leaving, Instant until, CancellationToken cancellationToken)
    {
        bool MayStart() => clock.GetCurrentInstant() < until;
        foreach (var group in leaving.Where(l => l.Outcome is null).GroupBy(l => l.Contact.Channel))
        {
            // The last sender registered for a channel is the one in use (as ChannelSenders.For): a host's configuration overrides the defaults.
            var channel = senders.LastOrDefault(s => s.Channel == group.Key);
            var messages = group.ToList();
            if (channel is null)
            {
                messages.ForEach(l => l.Outcome = SendOutcome.Refused($"no sender is configured for {group.Key.Name()}"));
                continue;
            }

            var outgoing = new List<OutgoingMessage>(messages.Count);
            foreach (var l in messages)
            {
                var to = group.Key != ContactChannel.Letter ? l.To
                    : l.Account is { } read ? LetterRecipients.For(read, l.To)
                    : await letters.ForAsync(l.Contact.AccountId, l.To, cancellationToken);
                outgoing.Add(new OutgoingMessage(SendKey(l.Contact.Id), l.Contact.AccountId, l.Contact.Channel, to, l.Rendered!.Subject, l.Rendered.Text, l.Rendered.Html, l.Contact.Language));
            }

            if (channel is IBatchChannelSender many)
            {
                try
                {
                    var outcomes = await many.SendManyAsync(outgoing, MayStart, cancellationToken);
                    for (var i = 0; i < messages.Count; i++)
                    {
                        messages[i].Outcome = outcomes[i];
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // What the batch did is not known message by message: each is tried again under its key, which the channel delivers once.
                    messages.ForEach(l => l.Outcome = SendOutcome.TryLater($"{e.GetType().Name}: {e.Message}"));
                }

                continue;
            }

            for (var i = 0; i < messages.Count && MayStart(); i++)
            {
                try
                {
                    messages[i].Outcome = await channel.SendAsync(outgoing[i], cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The type and message only: a channel's exception may carry the address, which stays out of logs.
                    messages[i].Outcome = SendOutcome.TryLater($"{e.GetType().Name}: {e.Message}");
                }
            }
        }
    }

    /// <summary>
    /// Settles each message on its channel's answer; one that did not start is left for the next pass. Answers the attempts
    /// whose latest outcome changed and the outcomes to append, for the caller to write in bulk.
    /// </summary>
    private (List<ContactAttempt> Answered, List<ContactAttemptOutcome> Outcomes) SettleOutcomes(List<Leaving> leaving, Tally tally, HashSet<PlannedContact> settled)
    {
        var at = clock.GetCurrentInstant();
        var answered = new List<ContactAttempt>();
        var outcomes = new List<ContactAttemptOutcome>();
        foreach (var l in leaving)
        {
            if (l.Outcome is not { } outcome)
            {
                continue;
            }

            var contact = l.Contact;
            if (outcome.Accepted)
            {
                outcomes.Add(l.Attempt!.AddOutcome(ContactOutcome.Sent, at, Sender.Name, null));
                answered.Add(l.Attempt);
                contact.Sent(at, outcome.ProviderMessageId, l.Decision);
                tally.Sent++;
            }
            else if (outcome.Retryable && contact.Attempts + 1 < options.MaxAttempts)
            {
                contact.Failed(outcome.Error ?? "the channel asked to try later", at, at + options.Backoff[contact.Attempts]);
                tally.Retrying++;
            }
            else
            {
                outcomes.Add(l.Attempt!.AddOutcome(ContactOutcome.Failed, at, Sender.Name, "not sent"));
                answered.Add(l.Attempt);
                contact.DeadLetter(outcome.Retryable ? $"gave up after {contact.Attempts + 1} tries: {outcome.Error}" : outcome.Error ?? "the channel refused the message", at);
                tally.DeadLettered++;
            }

            settled.Add(contact);
        }

        return (answered, outcomes);
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
    private static CallTask CallTaskFor(PlannedContact contact, string timeZone, long? decision, ContactPreferences preferences, Instant now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc;
        var today = now.InZone(zone).Date;
        var close = ContactHours.Window(today, preferences) is { } w ? w.To : ContactHours.LawTo;
        var to = zone.ResolveLocal(today.At(close), NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant();
        if (to <= now)
        {
            to = now + Duration.FromHours(1);
        }

        var reason = contact.Reasons.FirstOrDefault() ?? "the ladder's call step";
        return new CallTask(contact.Id, contact.AccountId, contact.CreditorId, reason.Length > 500 ? reason[..500] : reason, now, to, zone.Id, decision, now);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent a batch of {Contacts} planned contact(s): re-check reads {RecheckReadMs} ms, gate {GateMs} ms, render {RenderMs} ms, decisions and attempts {RecordMs} ms, hand-over {HandOverMs} ms, outcomes {SettleMs} ms")]
    private static partial void LogBatch(ILogger logger, int contacts, double recheckReadMs, double gateMs, double renderMs, double recordMs, double handOverMs, double settleMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outreach sending pass ran out of its lease with {Count} contact(s) left; they go to the next pass")]
    private static partial void LogLeaseRanOut(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} planned contact(s) was taken over by another pass after this pass's lease ran out; this pass stops")]
    private static partial void LogClaimLost(ILogger logger, int count);
}
