using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;

namespace Parley.Modules.Outreach.Templates;

/// <summary>
/// The mandatory content templates include and cannot change: only code changes these texts. A template names one with
/// <c>{% disclosure 'debt-collector' %}</c>; it prints the text for the message's language and channel with the
/// account's facts, or nothing where it does not apply (a US notice to a UK customer). After rendering, the message
/// must contain the text of every disclosure its channel, purpose and jurisdiction require (<see cref="Required"/>).
/// </summary>
public static class LockedDisclosures
{
    /// <summary>Reg F §1006.18(e): every communication says it is from a debt collector (US).</summary>
    public const string DebtCollector = "debt-collector";

    /// <summary>Reg F §1006.6(e): every e-mail and text says how to stop them (US).</summary>
    public const string ElectronicOptOut = "electronic-opt-out";

    /// <summary>Reg F §1006.34, Model Form B-1: the validation information (US).</summary>
    public const string ValidationNotice = "validation-notice";

    /// <summary>CONC 7.3 (UK-CONC-FORBEARANCE, UK-BS-*): free debt advice and Breathing Space, for customers in arrears (UK).</summary>
    public const string UkArrearsHelp = "uk-arrears-help";

    public static IReadOnlyList<string> All { get; } = [DebtCollector, ElectronicOptOut, ValidationNotice, UkArrearsHelp];

    public static bool IsReserved(string name) => All.Contains(name, StringComparer.Ordinal);

    public static string Describe(string disclosure) => disclosure switch
    {
        DebtCollector => "Reg F §1006.18(e): the message is from a debt collector",
        ElectronicOptOut => "Reg F §1006.6(e): how to stop e-mails or texts",
        ValidationNotice => "Reg F §1006.34 Model Form B-1: the validation notice",
        UkArrearsHelp => "CONC 7.3: free debt advice and Breathing Space",
        _ => disclosure,
    };

    /// <summary>The disclosures a message for <paramref name="key"/> to a customer with these facts must carry.</summary>
    public static IReadOnlyList<string> Required(TemplateKey key, MessageFacts facts)
    {
        var required = new List<string>();
        if (facts.UnderRegF)
        {
            if (key.Channel is ContactChannel.Email or ContactChannel.Sms or ContactChannel.Letter)
            {
                required.Add(DebtCollector);
            }

            if (key.Channel is ContactChannel.Email or ContactChannel.Sms)
            {
                required.Add(ElectronicOptOut);
            }

            if (key.Purpose == MessagePurpose.ValidationNotice)
            {
                required.Add(ValidationNotice);
            }
        }

        if (facts.InUk && key.Channel is ContactChannel.Email or ContactChannel.Letter)
        {
            required.Add(UkArrearsHelp);
        }

        return required;
    }

    /// <summary>The text of a disclosure for this message, or null where it does not apply to the customer's jurisdiction.</summary>
    public static string? Text(string disclosure, TemplateKey key, MessageFacts facts, string collector)
    {
        var es = key.Language == "es";
        var sms = key.Channel == ContactChannel.Sms;
        return disclosure switch
        {
            DebtCollector when facts.UnderRegF => (es, sms) switch
            {
                (false, true) => "This is a message from a debt collector.",
                (true, true) => "Este es un mensaje de un cobrador de deudas.",
                (false, false) => "This is a communication from a debt collector. This is an attempt to collect a debt, and any information obtained will be used for that purpose.",
                (true, false) => "Esta es una comunicación de un cobrador de deudas. Es un intento de cobrar una deuda, y cualquier información obtenida se usará con ese fin.",
            },
            ElectronicOptOut when facts.UnderRegF => (es, key.Channel) switch
            {
                (false, ContactChannel.Sms) => "Reply STOP to stop texts.",
                (true, ContactChannel.Sms) => "Responda STOP para dejar de recibir mensajes.",
                (false, _) => "To stop e-mails from us, reply STOP or use the unsubscribe link in this e-mail.",
                (true, _) => "Para no recibir más correos nuestros, responda STOP o use el enlace para darse de baja en este correo.",
            },
            ValidationNotice when facts.UnderRegF => ValidationText(es, key, facts, collector),
            UkArrearsHelp when facts.InUk => es
                ? "¿Le preocupa el dinero? Puede recibir asesoramiento gratuito y confidencial sobre deudas de MoneyHelper (moneyhelper.org.uk, 0800 138 7777) y otras organizaciones benéficas. Un asesor de deudas también puede hablarle del Breathing Space, que puede pausar intereses, cargos y cobros durante 60 días."
                : "Worried about money? You can get free, confidential debt advice from MoneyHelper (moneyhelper.org.uk, 0800 138 7777) and other free debt advice charities. A debt adviser can also tell you about Breathing Space, which can pause interest, charges and collection for 60 days.",
            _ when IsReserved(disclosure) => null,
            _ => throw new ArgumentOutOfRangeException(nameof(disclosure), disclosure, "not a locked disclosure"),
        };
    }

    private static string ValidationText(bool es, TemplateKey key, MessageFacts facts, string collector)
    {
        var v = facts.Validation;
        string M(SharedKernel.Money m) => TemplateText.Money(m, key.Language, facts.Jurisdiction);
        string D(NodaTime.LocalDate d) => TemplateText.Date(d, key.Language, facts.Jurisdiction);
        var end = D(v.PeriodEnd);
        return es
            ? $"""
              {collector} es un cobrador de deudas. Estamos tratando de cobrar una deuda que usted le debe a {facts.CreditorName}. Usaremos cualquier información que nos dé para ayudar a cobrar la deuda.

              Nuestra información indica:
              Usted tenía una cuenta de {facts.OriginalCreditor} con el número de cuenta {facts.Reference}.
              Al {D(v.ItemizationDate)}, usted debía: {M(v.AmountThen)}
              Entre el {D(v.ItemizationDate)} y hoy:
              Se le cobró esta cantidad en intereses: + {M(v.InterestSince)}
              Se le cobró esta cantidad en cargos: + {M(v.FeesSince)}
              Usted pagó o se le acreditó esta cantidad a la deuda: – {M(v.PaidOrCreditedSince)}
              Cantidad total de la deuda ahora: {M(v.AmountNow)}

              ¿Cómo puede disputar la deuda?
              Llámenos o escríbanos antes del {end} para disputar toda o parte de la deuda. Si no lo hace, supondremos que nuestra información es correcta.
              Si nos escribe antes del {end}, debemos dejar de cobrar cualquier cantidad que usted dispute hasta que le enviemos información que muestre que usted debe la deuda.

              ¿Qué más puede hacer?
              Escríbanos antes del {end} para pedir el nombre y la dirección del acreedor original, si es diferente del acreedor actual. Si lo hace, debemos dejar de cobrar hasta que le enviemos esa información.
              Visite www.cfpb.gov/debt-collection para conocer sus derechos según la ley federal.
              """
            : $"""
              {collector} is a debt collector. We are trying to collect a debt that you owe to {facts.CreditorName}. We will use any information you give us to help collect the debt.

              Our information shows:
              You had an account from {facts.OriginalCreditor} with account number {facts.Reference}.
              As of {D(v.ItemizationDate)}, you owed: {M(v.AmountThen)}
              Between {D(v.ItemizationDate)} and today:
              You were charged this amount in interest: + {M(v.InterestSince)}
              You were charged this amount in fees: + {M(v.FeesSince)}
              You paid or were credited this amount toward the debt: – {M(v.PaidOrCreditedSince)}
              Total amount of the debt now: {M(v.AmountNow)}

              How can you dispute the debt?
              Call or write to us by {end} to dispute all or part of the debt. If you do not, we will assume that our information is correct.
              If you write to us by {end}, we must stop collection on any amount you dispute until we send you information that shows you owe the debt.

              What else can you do?
              Write to ask for the name and address of the original creditor, if different from the current creditor. If you write by {end}, we must stop collection until we send you that information.
              Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law.
              """;
    }
}
