using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Persistence;
using Parley.Persistence.Outbox;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Care.Tests.Acting;

/// <summary>The outbox handler on both databases: each reply is read once, in any order, and a reply Care cannot read reaches a person.</summary>
public sealed class ReadingRepliesTests
{
    [Theory]
    [DatabaseProviders]
    public async Task A_dispute_reply_places_one_dispute_hold_and_one_validation_task_however_often_it_is_delivered(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider);
        var account = await world.AccountAsync("D-1");
        var message = await world.ReplyAsync(account, "this isn't my debt");

        (await world.DispatchAsync()).ShouldBe(1);
        await world.RedeliverAsync();
        await world.RedeliverAsync();

        var reading = (await world.AllAsync<CareReading>()).ShouldHaveSingleItem();
        reading.MessageId.ShouldBe(message);
        reading.Source.ShouldBe("sms");
        reading.Flags.Select(f => f.Code).ShouldContain("not-mine");
        var evidence = reading.Evidence.First(e => e.Code == "not-mine");
        evidence.PhraseIn(reading.Text).ShouldContain("my debt");

        var holds = (await world.HoldsAsync(account)).Where(h => h.IsActive).ToList();
        holds.ShouldHaveSingleItem().Type.ShouldBe(HoldType.Dispute);
        holds[0].SetBy.ShouldBe("system:care");
        var item = (await world.AllAsync<CareItem>()).ShouldHaveSingleItem();
        item.Kind.ShouldBe(CareItemKind.ValidationTask);
        item.HoldId.ShouldBe(holds[0].Id);
        item.Log.Select(l => l.Action).ShouldBe(["opened", "placed a dispute hold"]);
        item.Log[1].Hold.ShouldBe(holds[0].Id.Value);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Replies_are_read_in_any_order_and_a_second_dispute_joins_the_open_task(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider);
        var account = await world.AccountAsync("D-2");
        var first = await world.ReplyAsync(account, "I already paid this in full in March");
        world.Database.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await world.ReplyAsync(account, "this isn't my debt");

        // The later reply is handed over first, as a second node or a retry may do.
        await using (var scope = world.Database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().Single(h => h.EventType == "outreach.message_received");
            var events = db.Set<OutboxMessage>().Where(m => m.Type == handler.EventType).AsEnumerable().OrderByDescending(m => m.OccurredAt).ToList();
            foreach (var e in events)
            {
                await handler.HandleAsync(e, CareWorld.Ct);
            }

            await db.SaveChangesAsync(CareWorld.Ct);
        }

        (await world.DispatchAsync()).ShouldBe(2);
        (await world.AllAsync<CareReading>()).Select(r => r.MessageId).ShouldBe([first, second], ignoreOrder: true);
        (await world.HoldsAsync(account)).Count(h => h.IsActive && h.Type == HoldType.Dispute).ShouldBe(1);
        var task = (await world.AllAsync<CareItem>()).ShouldHaveSingleItem();
        task.Labels.ShouldContain("already-paid");
        task.Labels.ShouldContain("not-mine");
        task.Log.Count(l => l.Action == "another message").ShouldBe(1);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_reply_that_keeps_failing_becomes_a_read_it_yourself_item_on_its_last_attempt(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider, s => s.AddSingleton<ICareClassifier>(new BrokenClassifier()));
        var account = await world.AccountAsync("F-1");
        var message = await world.ReplyAsync(account, "this isn't my debt");

        for (var pass = 1; pass < OutboxDispatcher.MaxAttempts; pass++)
        {
            (await world.DispatchAsync()).ShouldBe(0);
            (await world.AllAsync<CareItem>()).ShouldBeEmpty($"pass {pass} is not the last attempt");
        }

        (await world.DispatchAsync()).ShouldBe(1);
        var item = (await world.AllAsync<CareItem>()).ShouldHaveSingleItem();
        item.Kind.ShouldBe(CareItemKind.ReadYourself);
        item.MessageId.ShouldBe(message);
        item.Priority.ShouldBe(2);
        (await world.AllAsync<CareReading>()).ShouldBeEmpty();
        (await world.AllAsync<OutboxMessage>()).ShouldHaveSingleItem().DispatchedAt.ShouldNotBeNull();
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_staff_note_takes_the_same_reading_path(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider);
        var account = await world.AccountAsync("N-1");

        var reading = await world.RunAsync<SubmitCareNoteRequest, CareReadingView>(
            Staff.Agent, new SubmitCareNoteRequest(account, "Customer said on the call: I filed for bankruptcy last month.", CareNoteSource.Transcript));

        reading.Source.ShouldBe("transcript");
        reading.Flags.Select(f => f.Code).ShouldContain("bankruptcy");
        (await world.HoldsAsync(account)).ShouldHaveSingleItem().Type.ShouldBe(HoldType.Bankruptcy);
        (await world.AllAsync<CareItem>()).ShouldHaveSingleItem().Kind.ShouldBe(CareItemKind.Bankruptcy);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_flag_only_the_model_raised_under_the_acting_probability_is_shown_as_not_acted_on(DatabaseProvider provider)
    {
        // Dispute, cease and crisis raised by the model alone at 0.05–0.3; complaint by a rule.
        await using var world = await CareWorld.CreateAsync(provider, s => s.AddSingleton<ICareClassifier>(new FixedClassifier(
            dispute: new Signal(0.05, true, SignalSource.Model), crisis: new Signal(0.3, true, SignalSource.Model),
            new LabelSignal(CareLabel.CeaseCommunication, "cease-communication", 0.3, true, SignalSource.Model),
            new LabelSignal(CareLabel.Complaint, "complaint", 0.1, true, SignalSource.Rule))));
        var account = await world.AccountAsync("W-1");

        var reading = await world.RunAsync<SubmitCareNoteRequest, CareReadingView>(Staff.Agent, new SubmitCareNoteRequest(account, "what the caller said", CareNoteSource.Note));

        var shown = reading.Flags.ToDictionary(f => f.Code, f => f.ShownOnly);
        shown["dispute"].ShouldBeTrue();
        shown["cease-communication"].ShouldBeTrue();
        shown["complaint"].ShouldBeFalse("a rule's flag acts");
        shown["crisis"].ShouldBeFalse("crisis acts at any flag");

        // The view says what the acting did: crisis paused contact; no dispute or cease hold, and no validation task.
        (await world.HoldsAsync(account)).Select(h => h.Type).ShouldBe([HoldType.VulnerabilityReview]);
        (await world.AllAsync<CareItem>()).Select(i => i.Kind).ShouldBe([CareItemKind.Crisis, CareItemKind.Complaint], ignoreOrder: true);
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_weak_model_dispute_carried_by_a_kind_that_acts_is_not_shown_as_not_acted_on(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider, s => s.AddSingleton<ICareClassifier>(new FixedClassifier(
            dispute: new Signal(0.05, true, SignalSource.Model), crisis: new Signal(0, false, SignalSource.None),
            new LabelSignal(CareLabel.WrongAmount, "wrong-amount", 0.7, true, SignalSource.Model))));
        var account = await world.AccountAsync("W-2");

        var reading = await world.RunAsync<SubmitCareNoteRequest, CareReadingView>(Staff.Agent, new SubmitCareNoteRequest(account, "what the caller said", CareNoteSource.Note));

        reading.Flags.ShouldAllBe(f => !f.ShownOnly);
        (await world.HoldsAsync(account)).ShouldHaveSingleItem().Type.ShouldBe(HoldType.Dispute);
    }

    /// <summary>A classification fixed in advance, so the acting and the view are tested against known flags whatever the shipped model scores.</summary>
    private sealed class FixedClassifier(Signal dispute, Signal crisis, params LabelSignal[] intents) : ICareClassifier
    {
        public string ModelVersion => "fixed";

        public CareClassification Classify(CareText text) => new(
            text.Text, dispute, new Signal(0, false, SignalSource.None), crisis,
            [.. CareLabels.Intents.Select(l => intents.FirstOrDefault(i => i.Label == l) ?? new LabelSignal(l, CareLabels.Code(l), 0, false, SignalSource.None))],
            [.. CareLabels.Vulnerabilities.Select(l => new LabelSignal(l, CareLabels.Code(l), 0, false, SignalSource.None))],
            [], [], ModelVersion, false);
    }

    private sealed class BrokenClassifier : ICareClassifier
    {
        public string ModelVersion => "broken";

        public CareClassification Classify(CareText text) => throw new InvalidOperationException("the model file is unreadable");
    }
}
