using Parley.Modules.Care.Contracts;
using Shouldly;

namespace Parley.Modules.Care.Tests;

/// <summary>
/// Wrong amounts and cease requests as real complaints put them (the rules appended by care-rules), and the traps that
/// look like them: a charge-off called inaccurate, "they won't stop calling", the law restated, a cease-and-desist about
/// credit reporting only, a statute cited; and not-mine and already-paid in the same wording, with "receipt of this letter"
/// and a supposed payment kept out. Sentences are written for the tests, not copied from the narratives.
/// </summary>
public sealed class ComplaintRuleTests
{
    private static readonly CareClassifier RulesOnly = new(null);

    [Theory]
    [InlineData("The balance of the debt is in fact wrong.")]
    [InlineData("The amount was higher than the bill I got from the clinic.")]
    [InlineData("There is no way I owe that much for two months of rent.")]
    [InlineData("They double charged the rent for March.")]
    [InlineData("I do not believe I owe this debt or what you say I owe.")]
    [InlineData("I disputed the late fees with the store twice.")]
    [InlineData("I returned the modem the week I cancelled.")]
    [InlineData("They bill me for retainers I paid for and never received.")]
    [InlineData("There is an additional {$300.00} charge I was never told about.")]
    [InlineData("The hospital billed me over $9,000 after quoting a cap.")]
    [InlineData("The agency has taken well over the fine through garnishment.")]
    [InlineData("They increased the balance every month without telling me.")]
    [InlineData("The lender charges excessive APR on this loan.")]
    [InlineData("These are abusive charges for calls I never made.")]
    [InlineData("The bureau is showing that I owe the full amount after the settlement.")]
    [InlineData("Me cobraron más de lo que debo.")]
    [InlineData("Devolví el router hace meses y siguen cobrando.")]
    public void A_contested_amount_in_complaint_wording_is_a_wrong_amount_dispute(string text)
    {
        var result = RulesOnly.Classify(new CareText(text));

        result.Intents.Single(i => i.Code == "wrong-amount").Flagged.ShouldBeTrue(text);
        result.Dispute.Flagged.ShouldBeTrue(text);
        result.Evidence.ShouldContain(e => e.Code == "wrong-amount" && e.Rule.StartsWith("wrong-amount/"), text);
    }

    [Theory]
    [InlineData("Please delete this and stop contacting me ever again.")]
    [InlineData("Delete the account and never contacting me again is all I ask.")]
    [InlineData("I wrote to have them cease from calling my cell phone.")]
    [InlineData("I request that you cease all collection efforts until you validate.")]
    [InlineData("I asked for the suspension of collection while this is reviewed.")]
    [InlineData("I have requested that the visits cease.")]
    [InlineData("I asked all communications cease until the debt is verified.")]
    [InlineData("I want this harassment to stop immediately.")]
    [InlineData("I revoke my consent to contact me by phone or e-mail.")]
    [InlineData("I called and advised them to stop again.")]
    [InlineData("Debt collectors are not allowed to contact me about this.")]
    [InlineData("Under 15 U.S.C. 1692c(c) I am exercising my right to no contact.")]
    [InlineData("CEASE &\nDESIST ALL COLLECTION ACTIVITY")]
    [InlineData("Les pedí que dejaran de llamar a mi casa.")]
    [InlineData("Exijo que cesen las llamadas.")]
    [InlineData("Revoco mi consentimiento para ser contactado por teléfono.")]
    public void A_request_to_stop_contact_or_collection_is_cease_communication(string text)
    {
        var result = RulesOnly.Classify(new CareText(text));

        result.Intents.Single(i => i.Code == "cease-communication").Flagged.ShouldBeTrue(text);
        result.Evidence.ShouldContain(e => e.Code == "cease-communication" && e.Rule.StartsWith("cease-communication/"), text);
    }

    [Theory]
    [InlineData("They will not stop calling me at work.")]
    [InlineData("The agency refuses to stop texting my daughter.")]
    [InlineData("Under 1692g(b) the collector must cease all collection activities until it verifies the debt.")]
    [InlineData("The law requires debt collectors to cease all collection activity once a debt is disputed.")]
    [InlineData("This is a cease and desist demand for unlawful reporting on my credit report.")]
    [InlineData("I sent cease and desist letters asking them to remove the tradeline from my credit file.")]
    [InlineData("They violated 15 USC 1692c by calling my job.")]
    public void A_report_of_conduct_the_law_restated_or_a_reporting_only_cease_and_desist_is_not_a_cease_request(string text)
    {
        RulesOnly.Classify(new CareText(text)).Intents.Single(i => i.Code == "cease-communication").Flagged.ShouldBeFalse(text);
    }

    [Theory]
    [InlineData("This is a cease and desist: stop all communication with me.")]
    [InlineData("I sent a cease and desist letter about the calls to my office.")]
    [InlineData("They will not stop calling, so I told them to stop calling me.")]
    public void A_cease_request_beside_a_trap_is_still_flagged(string text)
    {
        RulesOnly.Classify(new CareText(text)).Intents.Single(i => i.Code == "cease-communication").Flagged.ShouldBeTrue(text);
    }

    [Theory]
    [InlineData("I dispute the inaccurate charge-off on my report.")]
    [InlineData("The incorrect charge off date hurts my score.")]
    public void A_charge_off_called_inaccurate_is_not_a_wrong_amount(string text)
    {
        RulesOnly.Classify(new CareText(text)).Intents.Single(i => i.Code == "wrong-amount").Flagged.ShouldBeFalse(text);
    }

    [Theory]
    [InlineData("I returned the call yesterday and paid the balance I owe.")]
    [InlineData("I never received a bill before it went to collections.")]
    public void Everyday_words_near_the_new_patterns_are_not_a_wrong_amount(string text)
    {
        RulesOnly.Classify(new CareText(text)).Intents.Single(i => i.Code == "wrong-amount").Flagged.ShouldBeFalse(text);
    }

    [Theory]
    [InlineData("The account in question has been fully paid.")]
    [InlineData("I did pay to settle the account with them last spring.")]
    [InlineData("They reported a paid collection but still ask for money.")]
    [InlineData("They did not deduct this payment from my balance.")]
    [InlineData("No me descontaron el pago del saldo.")]
    [InlineData("Pagué la deuda en su totalidad en enero.")]
    public void A_payment_the_writer_made_is_already_paid(string text)
    {
        var result = RulesOnly.Classify(new CareText(text));

        result.Intents.Single(i => i.Code == "already-paid").Flagged.ShouldBeTrue(text);
        result.Evidence.ShouldContain(e => e.Code == "already-paid" && e.Rule.StartsWith("already-paid/"), text);
    }

    [Theory]
    [InlineData("Please respond within 30 days of receipt of this letter.")]
    [InlineData("Send it by certified mail with return receipt requested.")]
    [InlineData("Provide a copy with a receipt displaying my signature.")]
    [InlineData("If I paid in full, I would get a discount.")]
    [InlineData("They would not confirm anything in writing until payment was made.")]
    [InlineData("If the damages are not paid in full, I will sue.")]
    [InlineData("It was sent to collections without notice.")]
    public void Receipt_of_a_letter_a_supposed_payment_or_a_referral_is_not_already_paid(string text)
    {
        RulesOnly.Classify(new CareText(text)).Intents.Single(i => i.Code == "already-paid").Flagged.ShouldBeFalse(text);
    }

    [Theory]
    [InlineData("This is a fraudulent account that I did not open or authorize.")]
    [InlineData("I never took out this loan.")]
    [InlineData("There are two loans on my report that I have no knowledge of.")]
    [InlineData("I'm unaware of this debt and was never notified.")]
    [InlineData("They reported this unknown debt to the bureaus.")]
    [InlineData("I don't know where this debt came from.")]
    [InlineData("They keep suing for a debt not owed.")]
    [InlineData("Not liable for this debt.")]
    [InlineData("I never had a contractual relationship with them.")]
    [InlineData("That is not me, the middle name is different.")]
    [InlineData("I keep telling them they have the wrong number.")]
    [InlineData("Desconozco esta deuda por completo.")]
    public void A_debt_the_writer_denies_having_is_not_mine(string text)
    {
        var result = RulesOnly.Classify(new CareText(text));

        result.Intents.Single(i => i.Code == "not-mine").Flagged.ShouldBeTrue(text);
        result.Dispute.Flagged.ShouldBeTrue(text);
    }

    [Theory]
    [InlineData("I did not open the letter until Friday.")]
    [InlineData("He took out loans in my name when we were together.")]
    [InlineData("I don't know what to do about this bill.")]
    public void Everyday_words_near_the_new_patterns_are_not_not_mine(string text)
    {
        RulesOnly.Classify(new CareText(text)).Intents.Single(i => i.Code == "not-mine").Flagged.ShouldBeFalse(text);
    }
}
