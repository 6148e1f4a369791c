using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Model;
using Parley.Modules.Care.Rules;
using Parley.Modules.Care.Training;
using Shouldly;

namespace Parley.Modules.Care.Tests;

/// <summary>
/// Disputes on short replies and in complaint wording: the rules appended for wrong amounts, cease requests and plain
/// disputes; a reply that owns the debt is not a dispute the model may raise alone; a short text has a threshold of its own.
/// </summary>
public sealed class DisputeQualityTests : IDisposable
{
    private static readonly CareClassifier RulesOnly = new(null);

    private readonly string directory = Directory.CreateTempSubdirectory("care-dispute-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("wrong-amount", "They added extra fees I never agreed to.")]
    [InlineData("wrong-amount", "The hospital billed me for a service I never received.")]
    [InlineData("wrong-amount", "My balance has gone up by 200 since last month.")]
    [InlineData("wrong-amount", "There is an unauthorized charge of 500 on the account.")]
    [InlineData("wrong-amount", "No acepto ese saldo, los intereses son abusivos.")]
    [InlineData("wrong-amount", "Me están cobrando de más cada mes.")]
    [InlineData("cease-communication", "I told them not to contact me again.")]
    [InlineData("cease-communication", "Please communicate with me in writing only.")]
    [InlineData("cease-communication", "You must cease all collection activity now.")]
    [InlineData("cease-communication", "I sent a letter asking them to cease all collection activities.")]
    [InlineData("cease-communication", "I have asked that there be no further contact at my work.")]
    [InlineData("cease-communication", "Comuníquense conmigo solo por escrito.")]
    [InlineData("cease-communication", "No quiero recibir más llamadas.")]
    [InlineData("not-mine", "I have no knowledge of this account.")]
    [InlineData("not-mine", "This account does not belong to me.")]
    [InlineData("not-mine", "I never signed up for any gym membership.")]
    [InlineData("not-mine", "No tengo ninguna deuda con esa empresa.")]
    [InlineData("asks-for-validation", "Please send me a copy of the signed credit agreement.")]
    [InlineData("asks-for-validation", "Quiero el desglose de lo que me cobran.")]
    [InlineData("identity-theft", "My ex used my details to open it.")]
    public void Complaint_wording_is_flagged_by_a_rule(string code, string text)
    {
        var result = RulesOnly.Classify(new CareText(text));

        result.Intents.Single(i => i.Code == code).Flagged.ShouldBeTrue(text);
        result.Dispute.Flagged.ShouldBe(CareLabels.DisputeKinds.Any(k => CareLabels.Code(k) == code), text);
        result.Evidence.ShouldContain(e => e.Code == code && e.Rule.StartsWith(code + "/"));
    }

    [Theory]
    [InlineData("I dispute this debt.")]
    [InlineData("I don't agree that I owe this.")]
    [InlineData("We are disputing the balance you sent.")]
    public void A_dispute_in_general_words_is_flagged_by_a_rule_without_a_kind(string text)
    {
        var result = RulesOnly.Classify(new CareText(text));

        result.Dispute.Flagged.ShouldBeTrue(text);
        result.Dispute.Source.ShouldBe(SignalSource.Rule);
        result.Evidence.ShouldContain(e => e.Code == "dispute" && e.Rule.StartsWith("dispute/en/"));
    }

    [Theory]
    [InlineData("I know I owe this, can I pay in May?")]
    [InlineData("The debt is mine, I just need time.")]
    [InlineData("I'm not disputing it, I just can't pay it all now.")]
    [InlineData("Sé que les debo, ¿puedo pagar en mayo?")]
    [InlineData("La deuda es mía, solo necesito más tiempo.")]
    public void A_short_reply_that_owns_the_debt_is_not_a_model_only_dispute(string text)
    {
        CareRules.AcknowledgesDebt(text).ShouldBeTrue(text);

        var result = EverythingIsADispute().Classify(new CareText(text));

        result.Dispute.Flagged.ShouldBeFalse(text);
        result.Intents.Where(i => CareLabels.DisputeKinds.Contains(i.Label)).ShouldAllBe(i => !i.Flagged);
    }

    [Theory]
    [InlineData("I know I owe it but the amount is wrong.", "wrong-amount")]
    [InlineData("The debt is mine but I already paid it in March.", "already-paid")]
    public void Owning_the_debt_never_silences_a_rule(string text, string code)
    {
        var result = EverythingIsADispute().Classify(new CareText(text));

        result.Dispute.Flagged.ShouldBeTrue();
        result.Intents.Single(i => i.Code == code).Source.ShouldBe(SignalSource.RuleAndModel);
    }

    [Theory]
    [InlineData("I do not owe this")]
    [InlineData("I don't agree I owe this and want proof")]
    public void A_denial_is_not_read_as_owning_the_debt(string text)
    {
        EverythingIsADispute().Classify(new CareText(text)).Dispute.Flagged.ShouldBeTrue(text);
    }

    [Fact]
    public void A_long_letter_that_owns_a_debt_can_still_be_flagged_by_the_model()
    {
        // Letters mix admissions with disputes ("I know I owed the original, but not this balance"); only a short reply is read as owning it.
        var letter = "I know I owe the original balance. " + string.Join(' ', Enumerable.Repeat("The collector keeps reporting the account to the bureaus every month.", 4));

        EverythingIsADispute().Classify(new CareText(letter)).Dispute.Flagged.ShouldBeTrue();
    }

    [Fact]
    public void A_short_text_uses_the_short_threshold_and_a_long_one_the_other()
    {
        // Probability 0.5 everywhere: flagged at 0.1, not at 0.9.
        var head = new LinearHead("dispute", [], [], 0, 1, 0, threshold: 0.1, shortThreshold: 0.9);
        var classifier = new CareClassifier(new CareModel([head], "test"));
        var shortText = "Can you send me my balance?";
        var longText = shortText + " " + string.Join(' ', Enumerable.Repeat("I would like to know what is owed on the account as of today.", 3));

        head.ThresholdFor(shortText.Length).ShouldBe(0.9);
        head.ThresholdFor(longText.Length).ShouldBe(0.1);
        classifier.Classify(new CareText(shortText)).Dispute.Flagged.ShouldBeFalse();
        classifier.Classify(new CareText(longText)).Dispute.Flagged.ShouldBeTrue();
    }

    [Fact]
    public void The_short_threshold_survives_the_model_file_and_a_head_without_one_reads_back_without()
    {
        var dispute = new LinearHead("dispute", [5], [1f], 0, -1, 0, 0.02, 0.4);
        var joy = new LinearHead("joy", [5], [1f], 0, -1, 0, 0.3);

        var model = CareModel.Deserialise(CareModel.Serialise([dispute, joy]), "test");

        model.Head("dispute")!.ShortThreshold.ShouldBe(0.4);
        model.Head("dispute")!.Threshold.ShouldBe(0.02);
        model.Head("joy")!.ShortThreshold.ShouldBeNull();
        model.Head("joy")!.ThresholdFor(10).ShouldBe(0.3);
    }

    [Fact]
    public void The_training_floor_reads_a_rule_dispute_as_flagged_and_an_owned_debt_as_not()
    {
        CareTraining.DisputeFloor("This isn't my debt").ShouldBe(1);
        CareTraining.DisputeFloor("I know I owe this, can I pay Friday?").ShouldBe(0);
        CareTraining.DisputeFloor("Can I pay on Friday?").ShouldBeNull();
    }

    [Fact]
    public void Narratives_are_scored_by_part_when_they_carry_dev_and_held_out_splits()
    {
        var path = Path.Combine(directory, "narratives.csv");
        File.WriteAllText(path, "id,lang,text,labels,split\n"
            + "n1,en,This is not my debt.,not-mine,dev\n"
            + "n2,en,Please stop calling me at work.,cease-communication,dev\n"
            + "n3,en,I was charged twice for one month.,wrong-amount,held-out\n"
            + "n4,en,Thank you for the help.,,held-out\n");

        var report = CareEvaluation.Run(RulesOnly, null, null, LabelledMessages.Read(path));

        report.NarrativeParts.ShouldNotBeNull();
        report.NarrativeParts.Select(p => (p.Split, p.Rows)).ShouldBe([("dev", 2), ("held-out", 2)]);
        var heldOut = report.NarrativeParts.Single(p => p.Split == "held-out");
        var dispute = heldOut.Metrics.Single(m => m.Label == "dispute");
        (dispute.Positives, dispute.Flagged).ShouldBe((1, 1));
        heldOut.Metrics.ShouldNotContain(m => m.Label == "not-mine");
        report.Narratives!.Single(m => m.Label == "dispute").Positives.ShouldBe(2);
    }

    [Fact]
    public void Missed_disputes_and_false_alarms_are_listed_with_their_set_and_id()
    {
        var path = Path.Combine(directory, "failures.csv");
        File.WriteAllText(path, "id,lang,text,labels,split\n"
            + "n1,en,Who are these people? Nothing to do with me.,not-mine,held-out\n"
            + "n2,en,My phone bill is paid off; this one I will pay on Friday.,,held-out\n"
            + "n3,en,This is not my debt.,not-mine,dev\n");

        var report = CareEvaluation.Run(RulesOnly, null, null, LabelledMessages.Read(path));

        report.Failures.ShouldNotBeNull();
        report.Failures.Select(f => (f.Set, f.Kind, f.Id)).ShouldBe([("CFPB held-out", "missed dispute", "n1"), ("CFPB held-out", "false alarm", "n2")]);
        report.Failures[0].Excerpt.ShouldBe("Who are these people? Nothing to do with me.");
    }

    // A dispute head and a head for each kind that flag any text: what the model may add is then visible.
    private static CareClassifier EverythingIsADispute() => new(new CareModel(
        [.. CareLabels.DisputeKinds.Append(CareLabel.Dispute).Select(l => new LinearHead(CareLabels.Code(l), [], [], 5, -1, 0, 0.5))], "test"));
}
