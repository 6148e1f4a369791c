using Parley.Modules.Care.Contracts;
using Shouldly;

namespace Parley.Modules.Care.Tests;

/// <summary>The floor: every legally material intent and crisis in English and Spanish is flagged by the rules alone, with the phrase as evidence; hard negatives are not.</summary>
public sealed class RuleTests
{
    private static readonly CareClassifier RulesOnly = new(null);

    private static readonly (string Code, string Text)[] Examples =
    [
        ("not-mine", "This isn't my debt, I never had an account with them."),
        ("not-mine", "Esta deuda no es mía."),
        ("already-paid", "I already paid this in full in March."),
        ("already-paid", "Ya lo pagué todo, tengo el comprobante de pago."),
        ("wrong-amount", "The amount is wrong, I only owe 300."),
        ("wrong-amount", "Me cobraron dos veces el mismo mes."),
        ("identity-theft", "I was a victim of identity theft."),
        ("identity-theft", "Me robaron mis datos, fue un robo de identidad."),
        ("asks-for-validation", "Please send me validation of this debt."),
        ("asks-for-validation", "Quiero pruebas de que la debo."),
        ("cease-communication", "Stop calling me."),
        ("cease-communication", "Dejen de llamarme, por favor."),
        ("attorney", "Contact my lawyer, not me."),
        ("attorney", "Tengo abogado, hablen con mi abogado."),
        ("bankruptcy", "I filed for bankruptcy last month."),
        ("bankruptcy", "Me declaré en quiebra."),
        ("deceased", "My husband passed away in August, this was his account."),
        ("deceased", "El titular falleció el mes pasado."),
        ("complaint", "I want to make a formal complaint."),
        ("complaint", "Quiero poner una queja."),
        ("asks-for-person", "Can I speak to a real person please?"),
        ("asks-for-person", "Quiero hablar con una persona."),
        ("refuses-to-pay", "I'm not paying this."),
        ("refuses-to-pay", "No voy a pagar esto."),
    ];

    public static TheoryData<string, string> Positives() => new(Examples);

    [Theory]
    [MemberData(nameof(Positives))]
    public void Each_material_intent_is_flagged_by_a_rule_with_its_phrase(string code, string text)
    {
        var result = RulesOnly.Classify(new CareText(text));

        var intent = result.Intents.Single(i => i.Code == code);
        intent.Flagged.ShouldBeTrue(text);
        intent.Source.ShouldBe(SignalSource.Rule);
        var evidence = result.Evidence.Where(e => e.Code == code).ToList();
        evidence.ShouldNotBeEmpty();
        evidence.ShouldAllBe(e => text.Substring(e.Start, e.Length) == e.Phrase && e.Rule.StartsWith(code + "/"));
    }

    [Theory]
    [InlineData("not-mine")]
    [InlineData("already-paid")]
    [InlineData("wrong-amount")]
    [InlineData("identity-theft")]
    [InlineData("asks-for-validation")]
    public void A_dispute_kind_flags_dispute(string code)
    {
        var text = Examples.First(e => e.Code == code).Text;

        var result = RulesOnly.Classify(new CareText(text));

        result.Dispute.Flagged.ShouldBeTrue();
        result.Dispute.Source.ShouldBe(SignalSource.Rule);
    }

    [Theory]
    [InlineData("I paid my phone bill, not this", "already-paid")]
    [InlineData("Not my problem that the website is slow", "not-mine")]
    [InlineData("My phone died so I missed your call", "deceased")]
    [InlineData("I can't afford a lawyer, I just want a plan", "attorney")]
    [InlineData("I could not pay because I lost my job", "refuses-to-pay")]
    [InlineData("Can I pay $50 on the 15th?", "already-paid")]
    [InlineData("No es mi problema que la web vaya lenta", "not-mine")]
    [InlineData("Pagué la luz, pero esta no", "already-paid")]
    [InlineData("Se me murió el teléfono y no vi su llamada", "deceased")]
    [InlineData("Puedo pagar 25 a la semana", "refuses-to-pay")]
    public void Hard_negatives_do_not_raise_the_rule(string text, string code) =>
        RulesOnly.Classify(new CareText(text)).Intents.Single(i => i.Code == code).Flagged.ShouldBeFalse(text);

    [Fact]
    public void Crisis_is_never_missed_on_the_crisis_set()
    {
        string[] crisis =
        [
            "I want to kill myself.",
            "I've been thinking about suicide.",
            "I'd be better off dead.",
            "Everyone would be better off without me.",
            "I don't want to wake up tomorrow.",
            "I'm going to end it all tonight.",
            "I have the pills ready.",
            "I can't go on like this anymore.",
            "I've started hurting myself again.",
            "There's no reason to live.",
            "i wanna die",
            "I just want it all to stop.",
            "He pensado en quitarme la vida.",
            "Quiero morirme.",
            "Estarían mejor sin mí.",
            "No quiero vivir así.",
            "He vuelto a hacerme daño.",
            "Pienso en el suicidio.",
            "Tengo las pastillas preparadas.",
            "Solo quiero que todo se acabe.",
        ];

        var missed = crisis.Where(t => !RulesOnly.Classify(new CareText(t)).Crisis.Flagged).ToList();

        missed.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("The interest is killing me")]
    [InlineData("I'm dying to get this sorted")]
    [InlineData("Me muero de ganas de arreglar esto")]
    [InlineData("I'm dead tired after work, will call tomorrow")]
    public void Figures_of_speech_are_not_crisis(string text) =>
        RulesOnly.Classify(new CareText(text)).Crisis.Flagged.ShouldBeFalse();

    [Fact]
    public void Accents_and_case_do_not_shift_evidence_spans()
    {
        const string text = "Hola. ESTA DEUDA NO ES MÍA, se lo juro.";

        var evidence = RulesOnly.Classify(new CareText(text)).Evidence.First(e => e.Code == "not-mine");

        text.Substring(evidence.Start, evidence.Length).ShouldBe(evidence.Phrase);
        evidence.Phrase.ShouldContain("NO ES MÍA");
    }
}
