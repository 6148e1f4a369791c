using Microsoft.Extensions.Options;
using NodaTime;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Templates;
using Shouldly;

namespace Parley.Modules.Outreach.Tests.Templates;

/// <summary>The engine alone: strict variables, the locked disclosures, the post-render check, both languages, reading grades.</summary>
public sealed class TemplateEngineTests
{
    private static readonly TemplateEngine Engine = new(Options.Create(new TemplateSettings()));
    private static readonly LocalDate Today = new(2026, 12, 7);

    // What the catalogue's rule answers for a notice sent on Monday 7 Dec 2026: 5 business days to Monday 14 Dec, then 30 days (checked against the rule in TemplateLibraryTests).
    private static readonly LocalDate PeriodEnd = new(2027, 1, 13);
    private static readonly TemplateKey SmsReminder = new(MessagePurpose.Reminder, ContactChannel.Sms, "en", MessageTone.Neutral);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<RenderOutcome> RenderAsync(TemplateKey key, string body, MessageFacts? facts = null, string? subject = null) =>
        Engine.RenderAsync(key, subject, body, facts ?? DemoMessageAccounts.UnitedStates(key.Language, Today, PeriodEnd), Ct);

    [Fact]
    public async Task An_sms_with_both_disclosures_renders_the_accounts_values_and_carries_them()
    {
        var outcome = await RenderAsync(SmsReminder, "Hi {{ customer.first_name }}, {{ account.balance }} is owed to {{ creditor.name }}: {{ payment_link }} {% disclosure 'debt-collector' %} {% disclosure 'electronic-opt-out' %}");
        outcome.Problems.ShouldBeEmpty();
        outcome.Text.ShouldBe("Hi Jane, $1,159.32 is owed to Acme Bank: https://pay.example.com/DEMO-1001 This is a message from a debt collector. Reply STOP to stop texts.");
        outcome.Disclosures.ShouldBe([LockedDisclosures.DebtCollector, LockedDisclosures.ElectronicOptOut]);
        outcome.Html.ShouldBeNull();
    }

    [Fact]
    public async Task An_unknown_variable_is_an_error_not_an_empty_string()
    {
        var outcome = await RenderAsync(SmsReminder, "Hi {{ customer.nickname }} {% disclosure 'debt-collector' %} {% disclosure 'electronic-opt-out' %}");
        var error = outcome.Errors.ShouldHaveSingleItem().ShouldBeOfType<TemplateDoesNotRender>();
        error.Detail.ShouldContain("'nickname'");
        error.Detail.ShouldContain("customer.first_name");
    }

    [Fact]
    public async Task An_sms_without_the_opt_out_notice_is_refused_naming_it()
    {
        var outcome = await RenderAsync(SmsReminder, "Hi {{ customer.first_name }}. {% disclosure 'debt-collector' %}");
        var missing = outcome.Errors.ShouldHaveSingleItem().ShouldBeOfType<DisclosureMissing>();
        missing.Disclosure.ShouldBe(LockedDisclosures.ElectronicOptOut);
        missing.Detail.ShouldContain("electronic-opt-out");
    }

    [Theory]
    [InlineData("{% if false %}{% disclosure 'electronic-opt-out' %}{% endif %}")]
    [InlineData("{% capture hidden %}{% disclosure 'electronic-opt-out' %}{% endcapture %}")]
    [InlineData("{% capture o %}{% disclosure 'electronic-opt-out' %}{% endcapture %}{{ o | upcase }}")]
    [InlineData("Reply STOP to end texts.")]
    public async Task A_disclosure_hidden_dropped_or_retyped_does_not_count(string optOut)
    {
        var outcome = await RenderAsync(SmsReminder, "Hi. {% disclosure 'debt-collector' %} " + optOut);
        outcome.Errors.ShouldHaveSingleItem().ShouldBeOfType<DisclosureMissing>().Disclosure.ShouldBe(LockedDisclosures.ElectronicOptOut);
    }

    [Theory]
    [InlineData("{% render 'debt-collector' %}", "cannot load other templates")]
    [InlineData("{% include 'my-opt-out' %}", "cannot load other templates")]
    [InlineData("{% disclosure 'my-own-notice' %}", "no locked disclosure called 'my-own-notice'")]
    [InlineData("{{ customer.first_name | shout }}", "filter 'shout'")]
    [InlineData("Hi {{ customer.first_name", "cannot be read")]
    public async Task A_template_cannot_define_load_or_invent_what_is_not_there(string body, string problem)
    {
        var outcome = await RenderAsync(SmsReminder, body);
        outcome.Problems.ShouldHaveSingleItem().ShouldContain(problem);
    }

    [Fact]
    public async Task A_uk_customer_gets_the_debt_advice_notice_and_no_us_notices()
    {
        var key = new TemplateKey(MessagePurpose.Reminder, ContactChannel.Letter, "en", MessageTone.Supportive);
        var body = "Dear {{ customer.first_name }}, you owe {{ account.balance }} as of {{ today }}.\n{% disclosure 'debt-collector' %}\n{% disclosure 'uk-arrears-help' %}";
        var outcome = await RenderAsync(key, body, DemoMessageAccounts.UnitedKingdom("en", Today, PeriodEnd));
        outcome.Problems.ShouldBeEmpty();
        outcome.Disclosures.ShouldBe([LockedDisclosures.UkArrearsHelp]);
        outcome.Text.ShouldStartWith("Dear Mary, you owe £770.00 as of 7 December 2026.");
        outcome.Text.ShouldContain("Breathing Space");
        outcome.Text.ShouldNotContain("debt collector");

        var withoutHelp = await RenderAsync(key, "Dear {{ customer.first_name }}. {% disclosure 'debt-collector' %}", DemoMessageAccounts.UnitedKingdom("en", Today, PeriodEnd));
        withoutHelp.Errors.ShouldHaveSingleItem().ShouldBeOfType<DisclosureMissing>().Disclosure.ShouldBe(LockedDisclosures.UkArrearsHelp);
    }

    [Fact]
    public async Task Spanish_renders_its_own_disclosures_money_and_dates()
    {
        var key = new TemplateKey(MessagePurpose.Reminder, ContactChannel.Email, "es", MessageTone.Neutral);
        var outcome = await RenderAsync(key, "Hola {{ customer.first_name }}: debe {{ account.balance }} ({{ today }}).\n\n{% disclosure 'debt-collector' %}\n{% disclosure 'electronic-opt-out' %}", subject: "Su cuenta de {{ creditor.name }}");
        outcome.Problems.ShouldBeEmpty();
        outcome.Subject.ShouldBe("Su cuenta de Acme Bank");
        outcome.Text.ShouldStartWith("Hola Carmen: debe $1,159.32 (7 de diciembre de 2026).");
        outcome.Text.ShouldContain("Esta es una comunicación de un cobrador de deudas.");
        outcome.Text.ShouldContain("responda STOP");
        outcome.Html!.ShouldContain("<html lang=\"es\">");
        outcome.Html!.ShouldContain("Hola Carmen: debe $1,159.32");
        TemplateText.Money(SharedKernel.Money.Of(1234.5m, SharedKernel.Currency.EUR), "es", SharedKernel.Jurisdiction.EuropeanUnion).ShouldBe("1.234,50 €");
    }

    [Fact]
    public async Task The_validation_notice_prints_the_itemization_and_the_period_end_by_the_catalogues_rule()
    {
        var key = new TemplateKey(MessagePurpose.ValidationNotice, ContactChannel.Letter, "en", MessageTone.Neutral);
        var outcome = await RenderAsync(key, "{% disclosure 'validation-notice' %}\n{% disclosure 'debt-collector' %}");
        outcome.Problems.ShouldBeEmpty();
        var end = TemplateText.Date(PeriodEnd, "en", null);
        end.ShouldBe("January 13, 2027");
        outcome.Text.ShouldContain("As of June 1, 2026, you owed: $1,180.00");
        outcome.Text.ShouldContain("You were charged this amount in interest: + $54.32");
        outcome.Text.ShouldContain("You were charged this amount in fees: + $25.00");
        outcome.Text.ShouldContain("You paid or were credited this amount toward the debt: – $100.00");
        outcome.Text.ShouldContain("Total amount of the debt now: $1,159.32");
        outcome.Text.ShouldContain($"Call or write to us by {end} to dispute");
        outcome.Disclosures.ShouldContain(LockedDisclosures.ValidationNotice);

        var withoutNotice = await RenderAsync(key, "{% disclosure 'debt-collector' %}");
        withoutNotice.Errors.ShouldHaveSingleItem().ShouldBeOfType<DisclosureMissing>().Disclosure.ShouldBe(LockedDisclosures.ValidationNotice);
    }

    [Fact]
    public async Task Every_default_template_renders_clean_for_a_us_and_a_uk_customer_in_both_languages()
    {
        DefaultLibrary.All.Count.ShouldBe((4 * 3 * 2 * 3) - (2 * 3));
        DefaultLibrary.All.Select(e => e.Key.Language).Distinct().Order().ShouldBe(["en", "es"]);
        var failures = new List<string>();
        foreach (var entry in DefaultLibrary.All)
        {
            foreach (var facts in new[] { DemoMessageAccounts.UnitedStates(entry.Key.Language, Today, PeriodEnd), DemoMessageAccounts.UnitedKingdom(entry.Key.Language, Today, PeriodEnd) })
            {
                var outcome = await Engine.RenderAsync(entry.Key, entry.Subject, entry.Body, facts, Ct);
                failures.AddRange(outcome.Problems.Select(p => $"{entry.Name} ({facts.JurisdictionName}): {p}"));
                if (entry.Key.Channel == ContactChannel.Sms && SmsSegments.Count(outcome.Text) > 2)
                {
                    failures.Add($"{entry.Name}: {SmsSegments.Count(outcome.Text)} SMS parts — {outcome.Text}");
                }

                if (ReadingGrades.Of(outcome.AuthoredText, entry.Key.Language) is { Grade: > 8m } grade)
                {
                    failures.Add($"{entry.Name}: reading grade {grade.Grade}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("cake", 1)]
    [InlineData("table", 2)]
    [InlineData("debt", 1)]
    [InlineData("beautiful", 3)]
    [InlineData("communication", 5)]
    public void English_syllables_are_counted_by_rule(string word, int syllables) => ReadingGrades.EnglishSyllables(word).ShouldBe(syllables);

    [Theory]
    [InlineData("casa", 2)]
    [InlineData("ciudad", 2)]
    [InlineData("poeta", 3)]
    [InlineData("día", 2)]
    [InlineData("comunicación", 5)]
    public void Spanish_syllables_are_counted_by_rule(string word, int syllables) => ReadingGrades.SpanishSyllables(word).ShouldBe(syllables);

    [Fact]
    public void Reading_grades_on_known_texts()
    {
        // 6 words, 1 sentence, 6 syllables: 0.39·6 + 11.8·1 − 15.59 = −1.45, shown as 0.
        var easy = ReadingGrades.Of("The cat sat on the mat.", "en")!;
        (easy.Words, easy.Sentences, easy.Syllables, easy.Grade, easy.Formula).ShouldBe((6, 1, 6, 0m, "Flesch–Kincaid"));

        // 12 words, 1 sentence, 27 syllables: 0.39·12 + 11.8·27/12 − 15.59 = 15.64.
        var hard = ReadingGrades.Of("Notwithstanding previous communications, remuneration obligations remain outstanding pending comprehensive reconciliation of accounts.", "en")!;
        hard.Words.ShouldBe(12);
        hard.Grade.ShouldBeGreaterThan(12m);

        // Spanish: 11 words, 4 sentences, 18 syllables → ease 206.84 − 0.6·163.6 − 1.02·36.4 = 71.6 → grade 5.8 (between the 80 and 70 bands).
        var spanish = ReadingGrades.Of("Hola. Su saldo es de cien dólares. Puede pagar hoy. Gracias.", "es")!;
        (spanish.Words, spanish.Sentences, spanish.Syllables, spanish.Formula).ShouldBe((11, 4, 18, "Fernández-Huerta"));
        spanish.Grade.ShouldBe(5.8m);
        spanish.Grade.ShouldBeLessThan(8m);
    }
}
