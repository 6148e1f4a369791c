using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;

namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// The templates a fresh install sends with: English and Spanish for every purpose, channel (e-mail, SMS, letter; a
/// validation notice never by SMS) and tone — short, kind and plain, each with the locked disclosures its channel needs.
/// A lender replaces them by saving and approving its own version of a key (docs/outreach.md).
/// </summary>
public static class DefaultLibrary
{
    public sealed record Entry(TemplateKey Key, string Name, string? Subject, string Body);

    public static IReadOnlyList<Entry> All { get; } = Build();

    private static List<Entry> Build()
    {
        var entries = new List<Entry>();
        foreach (var purpose in Enum.GetValues<MessagePurpose>())
        {
            foreach (var channel in new[] { ContactChannel.Email, ContactChannel.Sms, ContactChannel.Letter })
            {
                if (purpose == MessagePurpose.ValidationNotice && channel == ContactChannel.Sms)
                {
                    continue;
                }

                foreach (var language in TemplateInput.Languages)
                {
                    foreach (var tone in Enum.GetValues<MessageTone>())
                    {
                        var key = new TemplateKey(purpose, channel, language, tone);
                        var name = $"{Capital(tone.ToString().ToLowerInvariant())} {TemplateKeys.Purpose(purpose)} ({TemplateKeys.Channel(channel)}, {language})";
                        entries.Add(new Entry(key, name, channel == ContactChannel.Email ? Subject(purpose, language) : null, channel == ContactChannel.Sms ? Sms(key) : Long(key)));
                    }
                }
            }
        }

        return entries;
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static string Subject(MessagePurpose purpose, string language) => (purpose, language) switch
    {
        (MessagePurpose.Reminder, "es") => "Sobre su cuenta de {{ creditor.name }}",
        (MessagePurpose.Offer, "es") => "Un plan de pagos para su cuenta de {{ creditor.name }}",
        (MessagePurpose.CheckIn, "es") => "¿Cómo está? Su cuenta de {{ creditor.name }}",
        (MessagePurpose.ValidationNotice, "es") => "Información importante sobre su deuda con {{ creditor.name }}",
        (MessagePurpose.Reminder, _) => "About your {{ creditor.name }} account",
        (MessagePurpose.Offer, _) => "A payment plan for your {{ creditor.name }} account",
        (MessagePurpose.CheckIn, _) => "Checking in about your {{ creditor.name }} account",
        (MessagePurpose.ValidationNotice, _) => "Important information about your {{ creditor.name }} debt",
    };

    // Texts stay in GSM-7 (no á, í, ó, ú) so two parts hold them.
    private static string Sms(TemplateKey key)
    {
        var es = key.Language == "es";
        var line = (key.Purpose, key.Tone, es) switch
        {
            (MessagePurpose.Reminder, MessageTone.Supportive, false) => "Hi {{ customer.first_name }}, this is {{ collector.name }} about your {{ creditor.name }} account. {{ account.balance }} is still owed. We can help: {{ payment_link }}",
            (MessagePurpose.Reminder, MessageTone.Neutral, false) => "Hi {{ customer.first_name }}, your {{ creditor.name }} account has {{ account.balance }} to pay. Pay or see options: {{ payment_link }}",
            (MessagePurpose.Reminder, MessageTone.Direct, false) => "{{ customer.first_name }}, {{ account.balance }} is owed on your {{ creditor.name }} account. Please pay today: {{ payment_link }}",
            (MessagePurpose.Offer, MessageTone.Supportive, false) => "Hi {{ customer.first_name }}, we can set up a plan for your {{ creditor.name }} account that fits your budget. See options: {{ payment_link }}",
            (MessagePurpose.Offer, MessageTone.Neutral, false) => "Hi {{ customer.first_name }}, payment plans are open for your {{ creditor.name }} account. See options: {{ payment_link }}",
            (MessagePurpose.Offer, MessageTone.Direct, false) => "{{ customer.first_name }}, please choose a plan for your {{ creditor.name }} account now: {{ payment_link }}",
            (MessagePurpose.CheckIn, MessageTone.Supportive, false) => "Hi {{ customer.first_name }}, just checking in on your {{ creditor.name }} account. If things have changed, we can help: {{ payment_link }}",
            (MessagePurpose.CheckIn, MessageTone.Neutral, false) => "Hi {{ customer.first_name }}, how is your {{ creditor.name }} plan going? Tell us any time: {{ payment_link }}",
            (MessagePurpose.CheckIn, MessageTone.Direct, false) => "{{ customer.first_name }}, please get in touch about your {{ creditor.name }} account: {{ payment_link }}",
            (MessagePurpose.Reminder, MessageTone.Supportive, true) => "Hola {{ customer.first_name }}, le escribe {{ collector.name }} sobre su cuenta de {{ creditor.name }}. Queda {{ account.balance }} por pagar. Podemos ayudarle: {{ payment_link }}",
            (MessagePurpose.Reminder, MessageTone.Neutral, true) => "Hola {{ customer.first_name }}, su cuenta de {{ creditor.name }} tiene {{ account.balance }} por pagar. Pague o vea opciones: {{ payment_link }}",
            (MessagePurpose.Reminder, MessageTone.Direct, true) => "{{ customer.first_name }}, su cuenta de {{ creditor.name }} debe {{ account.balance }}. Por favor pague hoy: {{ payment_link }}",
            (MessagePurpose.Offer, MessageTone.Supportive, true) => "Hola {{ customer.first_name }}, podemos hacer un plan de pagos para su cuenta de {{ creditor.name }} a su medida. Vea opciones: {{ payment_link }}",
            (MessagePurpose.Offer, MessageTone.Neutral, true) => "Hola {{ customer.first_name }}, hay planes de pago para su cuenta de {{ creditor.name }}. Vea opciones: {{ payment_link }}",
            (MessagePurpose.Offer, MessageTone.Direct, true) => "{{ customer.first_name }}, por favor elija hoy un plan para su cuenta de {{ creditor.name }}: {{ payment_link }}",
            (MessagePurpose.CheckIn, MessageTone.Supportive, true) => "Hola {{ customer.first_name }}, queremos saber si todo va bien con su cuenta de {{ creditor.name }}. Si algo ha cambiado, podemos ayudarle: {{ payment_link }}",
            (MessagePurpose.CheckIn, MessageTone.Neutral, true) => "Hola {{ customer.first_name }}, ¿va bien su plan de {{ creditor.name }}? Puede escribirnos cuando quiera: {{ payment_link }}",
            (MessagePurpose.CheckIn, MessageTone.Direct, true) => "{{ customer.first_name }}, por favor contacte con nosotros sobre su cuenta de {{ creditor.name }}: {{ payment_link }}",
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "no SMS for this purpose"),
        };
        return line + " {% disclosure 'debt-collector' %} {% disclosure 'electronic-opt-out' %}";
    }

    private static string Long(TemplateKey key)
    {
        var es = key.Language == "es";
        var letter = key.Channel == ContactChannel.Letter;
        var greeting = es ? "Hola {{ customer.first_name }}:" : (letter ? "Dear {{ customer.first_name }}," : "Hi {{ customer.first_name }},");
        var opening = (key.Purpose, key.Tone, es) switch
        {
            (MessagePurpose.Reminder, MessageTone.Supportive, false) => "We know money can be tight. Your {{ creditor.name }} account still has {{ account.balance }} to pay. We would like to help you find a way that works for you.",
            (MessagePurpose.Reminder, MessageTone.Neutral, false) => "Your {{ creditor.name }} account has {{ account.balance }} to pay.",
            (MessagePurpose.Reminder, MessageTone.Direct, false) => "Your {{ creditor.name }} account has {{ account.balance }} to pay. Please pay it, or contact us to agree a plan.",
            (MessagePurpose.Offer, MessageTone.Supportive, false) => "We can help you pay your {{ creditor.name }} account in smaller amounts. You can choose a plan that fits your budget.",
            (MessagePurpose.Offer, MessageTone.Neutral, false) => "You can pay the {{ account.balance }} on your {{ creditor.name }} account with a payment plan.",
            (MessagePurpose.Offer, MessageTone.Direct, false) => "Please choose a payment plan for the {{ account.balance }} on your {{ creditor.name }} account.",
            (MessagePurpose.CheckIn, MessageTone.Supportive, false) => "We wanted to see how you are doing. If anything has changed, please tell us. We are here to help.",
            (MessagePurpose.CheckIn, MessageTone.Neutral, false) => "We are checking in about your {{ creditor.name }} account. If anything has changed, please let us know.",
            (MessagePurpose.CheckIn, MessageTone.Direct, false) => "Please contact us about your {{ creditor.name }} account.",
            (MessagePurpose.ValidationNotice, MessageTone.Supportive, false) => "Please read this notice about your {{ creditor.name }} account. If you have questions, we are happy to help.",
            (MessagePurpose.ValidationNotice, MessageTone.Neutral, false) => "Please read this notice about your {{ creditor.name }} account.",
            (MessagePurpose.ValidationNotice, MessageTone.Direct, false) => "Please read this notice about your {{ creditor.name }} account and keep it.",
            (MessagePurpose.Reminder, MessageTone.Supportive, true) => "Sabemos que el dinero puede ser difícil. Su cuenta de {{ creditor.name }} tiene {{ account.balance }} por pagar. Queremos ayudarle a encontrar una forma que le funcione.",
            (MessagePurpose.Reminder, MessageTone.Neutral, true) => "Su cuenta de {{ creditor.name }} tiene {{ account.balance }} por pagar.",
            (MessagePurpose.Reminder, MessageTone.Direct, true) => "Su cuenta de {{ creditor.name }} tiene {{ account.balance }} por pagar. Por favor pague, o hable con nosotros para acordar un plan.",
            (MessagePurpose.Offer, MessageTone.Supportive, true) => "Podemos ayudarle a pagar su cuenta de {{ creditor.name }} en partes más pequeñas. Puede elegir un plan a su medida.",
            (MessagePurpose.Offer, MessageTone.Neutral, true) => "Puede pagar los {{ account.balance }} de su cuenta de {{ creditor.name }} con un plan de pagos.",
            (MessagePurpose.Offer, MessageTone.Direct, true) => "Por favor elija un plan de pagos para los {{ account.balance }} de su cuenta de {{ creditor.name }}.",
            (MessagePurpose.CheckIn, MessageTone.Supportive, true) => "¿Qué tal le va? Si algo cambió, díganos. Le ayudamos.",
            (MessagePurpose.CheckIn, MessageTone.Neutral, true) => "Le escribimos sobre su cuenta de {{ creditor.name }}. Si algo ha cambiado, avísenos.",
            (MessagePurpose.CheckIn, MessageTone.Direct, true) => "Por favor hable con nosotros sobre su cuenta de {{ creditor.name }}.",
            (MessagePurpose.ValidationNotice, MessageTone.Supportive, true) => "Por favor lea este aviso sobre su cuenta de {{ creditor.name }}. Si tiene preguntas, con gusto le ayudamos.",
            (MessagePurpose.ValidationNotice, MessageTone.Neutral, true) => "Por favor lea este aviso sobre su cuenta de {{ creditor.name }}.",
            (MessagePurpose.ValidationNotice, MessageTone.Direct, true) => "Por favor lea este aviso sobre su cuenta de {{ creditor.name }} y guárdelo.",
        };
        var action = es
            ? "Puede pagar o hacer un plan aquí: {{ payment_link }}\nSu referencia es {{ account.reference }}."
            : "You can pay or set up a plan here: {{ payment_link }}\nYour reference is {{ account.reference }}.";
        var closing = (key.Tone, es) switch
        {
            (MessageTone.Supportive, false) => "Thank you,",
            (_, false) => "Regards,",
            (MessageTone.Supportive, true) => "Gracias,",
            (_, true) => "Saludos,",
        };
        var notice = key.Purpose == MessagePurpose.ValidationNotice ? "{% disclosure 'validation-notice' %}\n\n" : "";
        var optOut = key.Channel == ContactChannel.Email ? "\n{% disclosure 'electronic-opt-out' %}" : "";
        return $"{greeting}\n\n{opening}\n\n{notice}{action}\n\n{closing}\n{{{{ collector.name }}}}\n\n{{% disclosure 'debt-collector' %}}{optOut}\n\n{{% disclosure 'uk-arrears-help' %}}\n";
    }
}
