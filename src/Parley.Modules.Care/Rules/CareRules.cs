using System.Text.RegularExpressions;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Text;

namespace Parley.Modules.Care.Rules;

/// <summary>A rule that matched: its id, its label and the span of the text it matched.</summary>
public sealed record RuleMatch(string Rule, CareLabel Label, int Start, int Length);

/// <summary>
/// The floor for the legally material intents and crisis, in English and Spanish: high-recall patterns over the
/// folded text (lower case, accents off), run without backtracking so a megabyte of text costs linear time. A model
/// adds what these miss; nothing here is ever switched off by a model.
/// </summary>
public static class CareRules
{
    private sealed record Rule(string Id, CareLabel Label, Regex Pattern);

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly (CareLabel Label, string Lang, string Pattern)[] Table =
    [
        (CareLabel.NotMine, "en", @"\bnot (my|our|his|her) (debt|account|loan|bill|card|balance|charge)\b|\bnot mine\b"),
        (CareLabel.NotMine, "en", @"\b(is|was|it's|its|that's|thats) ?n'?o?t (mine|my (debt|account|loan|bill|card|balance|charge))\b"),
        (CareLabel.NotMine, "en", @"\b(don'?t|do not|never|dont) (owe|recogni[sz]e|know (about )?this|opened|open(ed)? (this|that|an|any)|had (this|that|an|any))\b"),
        (CareLabel.NotMine, "en", @"\b(wrong|different) (person|guy|man|woman|individual|customer)\b"),
        (CareLabel.NotMine, "en", @"\b(never|no) (account|business|relationship|dealings|contract) with\b"),
        (CareLabel.NotMine, "en", @"\bnever heard of (this|that|you|them|the (company|debt|account|creditor))\b"),
        (CareLabel.NotMine, "en", @"\bnot (the )?(right|same) person\b"),
        (CareLabel.NotMine, "es", @"\bno (es|son) (mia|mio|mias|mios|nuestra|nuestro)\b|\bno (es|son) (mi|mis|nuestra) (deuda|cuenta|tarjeta|prestamo|factura|credito)s?\b"),
        (CareLabel.NotMine, "es", @"\bno (reconozco|debo|conozco) (esa|esta|esto|eso|nada|ninguna|la|el)\b"),
        (CareLabel.NotMine, "es", @"\bnunca (abri|tuve|saque|contrate|firme|pedi)\b"),
        (CareLabel.NotMine, "es", @"\b(persona|numero) equivocad[oa]\b"),
        (CareLabel.NotMine, "es", @"\bno soy (yo|esa persona|quien|el titular|la titular)\b"),
        (CareLabel.NotMine, "es", @"\besa deuda no\b"),

        (CareLabel.AlreadyPaid, "en", @"\b(already|alredy|allready) (paid|payed|settled|cleared)\b"),
        (CareLabel.AlreadyPaid, "en", @"\b(paid|payed|settled|cleared) (it|this|that|the (debt|balance|account|bill|amount)) ?(off|in full|already|last|back)?\b"),
        (CareLabel.AlreadyPaid, "en", @"\b(paid|payed|settled) (off|in full)\b"),
        (CareLabel.AlreadyPaid, "en", @"\b(have|'ve|ve) (already )?(paid|settled) (this|it|that|the)\b"),
        (CareLabel.AlreadyPaid, "en", @"\b(payment|it|this|debt|account|balance) (was|has been|is) (already )?(made|sent|paid|settled|cleared)\b"),
        (CareLabel.AlreadyPaid, "en", @"\b(proof of payment|receipt|paid in full|zero balance|paid off)\b"),
        (CareLabel.AlreadyPaid, "es", @"\bya (lo |la |los |las )?(pague|pagamos|pago|pagaron|liquide|salde|cancele)\b"),
        (CareLabel.AlreadyPaid, "es", @"\b(esta|fue|quedo|estaba) (ya )?(pagad[oa]|liquidad[oa]|saldad[oa]|cancelad[oa])\b"),
        (CareLabel.AlreadyPaid, "es", @"\b(comprobante|recibo|justificante) de pago\b"),
        (CareLabel.AlreadyPaid, "es", @"\bpague (la deuda|todo|el total|esa cuenta|eso|lo que debia)\b"),

        (CareLabel.WrongAmount, "en", @"\b(wrong|incorrect|inflated|bogus) (amount|balance|figure|total|sum)\b"),
        (CareLabel.WrongAmount, "en", @"\b(amount|balance|total|figure|bill) (is|was|seems|looks) (wrong|incorrect|too high|not right|way off|off)\b"),
        (CareLabel.WrongAmount, "en", @"\b(don'?t|do not|dont) owe (that much|this much|that amount|this amount|all of|the full)\b"),
        (CareLabel.WrongAmount, "en", @"\b(charged|charging|billed|billing) (me )?(twice|double|too much|extra)\b"),
        (CareLabel.WrongAmount, "en", @"\b(only|just) owed?\b"),
        (CareLabel.WrongAmount, "en", @"\bovercharg|\b(added|extra|made up|junk|illegal) (fees|interest|charges)\b"),
        (CareLabel.WrongAmount, "es", @"\b(monto|cantidad|importe|saldo|cifra|total) (es |esta )?(incorrect[oa]|equivocad[oa]|mal|inflad[oa])\b"),
        (CareLabel.WrongAmount, "es", @"\b(monto|cantidad|importe|saldo|total) no (es correcto|es correcta|cuadra)\b"),
        (CareLabel.WrongAmount, "es", @"\bno debo (tanto|esa cantidad|ese monto|eso)\b"),
        (CareLabel.WrongAmount, "es", @"\b(solo|solamente) (debo|debia|debiamos)\b"),
        (CareLabel.WrongAmount, "es", @"\bcobr(o|aron|an|aste|ando) (de mas|doble|dos veces)\b|\bcobro doble\b"),
        (CareLabel.WrongAmount, "es", @"\b(intereses|cargos|comisiones) (abusiv|inventad|de mas)"),

        (CareLabel.IdentityTheft, "en", @"\bidentity (theft|thief|was stolen|fraud)|\bstolen identity\b"),
        (CareLabel.IdentityTheft, "en", @"\bstole (my|his|her) (identity|information|info|card|details|wallet|purse)\b"),
        (CareLabel.IdentityTheft, "en", @"\bsomeone (else )?(opened|used|took out|applied)\b"),
        (CareLabel.IdentityTheft, "en", @"\bfraudulent(ly)?\b|\b(police|ftc) report\b|\bidentitytheft\.gov\b|\bnot authori[sz]ed\b"),
        (CareLabel.IdentityTheft, "es", @"\b(robo|suplantacion|usurpacion) de identidad\b|\bsuplantaron\b"),
        (CareLabel.IdentityTheft, "es", @"\brobaron (mi|mis) (identidad|datos|tarjeta|cartera|documentos)\b"),
        (CareLabel.IdentityTheft, "es", @"\balguien (mas )?(abrio|uso|saco|pidio|contrato)\b"),
        (CareLabel.IdentityTheft, "es", @"\bfraude\b|\bfraudulent[oa]\b|\bdenuncia (policial|a la policia|ante la policia)\b"),

        (CareLabel.AsksForValidation, "en", @"\bvalidat(e|ion|ed)\b|\bdebt verification\b|\b1692g\b"),
        (CareLabel.AsksForValidation, "en", @"\bverif(y|ication) (of )?(this|the|that|my)? ?(debt|account|amount|balance)\b"),
        (CareLabel.AsksForValidation, "en", @"\bprove (it|this|that|i owe|the debt)\b|\bproof (that|of (the )?debt|i owe)\b"),
        (CareLabel.AsksForValidation, "en", @"\b(send|show|give|provide) (me )?(proof|evidence|the (signed )?(contract|original|paperwork|documents|documentation|agreement))\b"),
        (CareLabel.AsksForValidation, "en", @"\boriginal (contract|creditor|agreement|signed)\b|\bwho is the original creditor\b"),
        (CareLabel.AsksForValidation, "es", @"\bvalidacion\b|\bvalid(ar|en|e) (la|esta|esa) deuda\b"),
        (CareLabel.AsksForValidation, "es", @"\b(pruebas?|prueben|demuestren|demostrar|comprueben|acrediten) (de )?que (la )?(debo|deuda)\b|\bpruebas? de (la )?deuda\b"),
        (CareLabel.AsksForValidation, "es", @"\b(envien|mandeme|mandenme|muestrenme|enviame|enviarme|mandar|enviar) (me )?(el contrato|los documentos|pruebas|una copia|la documentacion|el detalle)\b"),
        (CareLabel.AsksForValidation, "es", @"\b(acreedor|contrato) original\b"),

        (CareLabel.CeaseCommunication, "en", @"\bstop (calling|contacting|texting|emailing|messaging|writing|harassing|bothering|ringing)\b"),
        (CareLabel.CeaseCommunication, "en", @"\b(don'?t|do not|dont|never) (call|contact|text|email|e-mail|write to|message|ring) (me|us|my)\b"),
        (CareLabel.CeaseCommunication, "en", @"\bcease (and desist|communication|all communication|contact|contacting)\b|\bleave me alone\b"),
        (CareLabel.CeaseCommunication, "en", @"\bremove (me|my (number|email|details)) from\b|^\s*stop\s*\.?$|\bunsubscribe\b"),
        (CareLabel.CeaseCommunication, "es", @"\bdej(en|a|e) de (llamar|llamarme|escribir|escribirme|contactar|contactarme|molestar|molestarme|mandar)"),
        (CareLabel.CeaseCommunication, "es", @"\bno me (llamen|llames|escriban|escribas|contacten|molesten|vuelvan a|manden)\b"),
        (CareLabel.CeaseCommunication, "es", @"\bdej(en|e)(me)? en paz\b|\bcese (de|toda|de toda) (comunicacion|contacto)|\bbaja de (sus|esta) (listas?|comunicaciones)\b"),

        (CareLabel.Attorney, "en", @"\b(my|our) (attorney|lawyer|solicitor|counsel|legal (representative|counsel|team))\b"),
        (CareLabel.Attorney, "en", @"\b(represented by|retained|hired|have) (an? |my )?(attorney|lawyer|solicitor|counsel)\b"),
        (CareLabel.Attorney, "en", @"\b(attorney|lawyer|solicitor)'?s? (name|number|contact|details|office|letter)\b"),
        (CareLabel.Attorney, "es", @"\bmi (abogad[oa]|representante legal|licenciad[oa])\b|\bnuestr[oa] abogad[oa]\b"),
        (CareLabel.Attorney, "es", @"\b(tengo|contrate) (un |una |a )?(abogad[oa]|despacho)\b|\b(hablen|contacten|comuniquense|dirijanse) con mi (abogad[oa]|representante)\b"),

        (CareLabel.Bankruptcy, "en", @"\bbankrupt(cy|cies)?\b|\bbankrupcy\b|\bchapter (7|13|seven|thirteen)\b"),
        (CareLabel.Bankruptcy, "en", @"\b(individual voluntary arrangement|debt relief order|sequestration|insolvency|insolvent)\b|\b(iva|dro)\b"),
        (CareLabel.Bankruptcy, "es", @"\b(bancarrota|quiebra|insolvencia|insolvente)\b|\bconcurso (de acreedores|mercantil)\b|\bsegunda oportunidad\b|\bcapitulo (7|13)\b"),

        (CareLabel.Deceased, "en", @"\b(deceased|death certificate|probate|executor|executrix|estate of|his estate|her estate|the estate)\b"),
        (CareLabel.Deceased, "en", @"\b(he|she|my (husband|wife|father|mother|dad|mum|mom|son|daughter|partner|brother|sister|grandmother|grandfather|grandma|grandpa)) (has |had )?(passed away|passed|died|is dead|has died)\b"),
        (CareLabel.Deceased, "en", @"\b(late (husband|wife|father|mother|dad|mum|mom|son|daughter|partner))\b|\b(passed away|died) (in|on|last)\b"),
        (CareLabel.Deceased, "es", @"\b(fallecio|fallecid[oa]|difunt[oa]|finad[oa]|certificado de defuncion|acta de defuncion|herencia|albacea|sucesion|testamentaria)\b|\bmurio (hace|en|el (mes|ano|dia|pasado))\b"),
        (CareLabel.Deceased, "es", @"\b(mi|su|el|la) (esposo|esposa|marido|mujer|padre|madre|papa|mama|hijo|hija|hermano|hermana|pareja|abuelo|abuela|titular) (ya )?(murio|ha muerto|fallecio|ha fallecido)\b"),

        (CareLabel.Complaint, "en", @"\b(complaint|complain|complaining|complained)\b"),
        (CareLabel.Complaint, "en", @"\b(report|reporting|reported) (you|this|them|your company) to\b"),
        (CareLabel.Complaint, "en", @"\b(cfpb|ombudsman|better business bureau|bbb|attorney general|trading standards|fca)\b"),
        (CareLabel.Complaint, "en", @"\bharass(ment|ing|ed)?\b|\bthreat(en|ened|ening|s)?\b|\b(i will|i'll|going to) sue\b|\bunacceptable\b|\bdisgusting service\b"),
        (CareLabel.Complaint, "es", @"\b(queja|quejas|quejarme|reclamacion|reclamaciones|reclamo)\b|\bdenunciar(los|les|lo)?\b"),
        (CareLabel.Complaint, "es", @"\b(acoso|acosando|acosar|amenaza|amenazas|amenazando|amenazaron)\b|\b(profeco|condusef|banco de espana|defensor del (cliente|consumidor)|hoja de reclamaciones|oficina (del consumidor|de consumo))\b"),

        (CareLabel.AsksForPerson, "en", @"\b(real|actual|live) (person|human|agent|people)\b|\bnot (a |talking to a )?(bot|robot|machine)\b"),
        (CareLabel.AsksForPerson, "en", @"\b(speak|talk) (to|with) (someone|somebody|a person|a human|an agent|a manager|a supervisor|a representative|an advisor|an adviser|your manager|your supervisor|a rep)\b"),
        (CareLabel.AsksForPerson, "en", @"\b(can|could|will) (someone|somebody|you|a person) (please )?(call|phone|ring) me\b|\bcall me back\b|\bgive me a call\b"),
        (CareLabel.AsksForPerson, "es", @"\bhablar con (una persona|alguien|un agente|un humano|un asesor|una asesora|un supervisor|el encargado|un gerente|un responsable)\b"),
        (CareLabel.AsksForPerson, "es", @"\bpersona real\b|\bllamenme\b|\bque me llame (alguien|un|una)\b|\bno (con )?(un )?(robot|bot|maquina)\b"),

        (CareLabel.RefusesToPay, "en", @"\b(won'?t|wont|will not|refuse to|not going to|never going to|ain'?t going to|not gonna|never gonna|ain'?t gonna|i will never|i'll never|ill never) (ever )?pay\b|\b(i'?m|i am|we'?re|we are) not paying\b|\bnot paying (this|that|it|you|anything)\b"),
        (CareLabel.RefusesToPay, "en", @"\b(never|won'?t) see a (penny|cent|dime|dollar|pound)\b|\bnot a (penny|cent|dime)\b"),
        (CareLabel.RefusesToPay, "es", @"\bno (voy a|pienso|quiero|vamos a) pagar\b|\bno (les |le )?(pagare|pagaremos)\b|\bme niego a pagar\b"),
        (CareLabel.RefusesToPay, "es", @"\bni un (centavo|peso|euro|duro|quinto)\b|\bjamas (les )?(voy a )?pag"),

        (CareLabel.Crisis, "en", @"\b(kill|killing|hurt|hurting|harm|harming|cut|cutting) myself\b|\bsuicid(e|al)\b|\bself[- ]?harm"),
        (CareLabel.Crisis, "en", @"\b(want|wanna|wish i (was|were)|rather be|i'?d rather|better off) (to )?(die|dead)\b|\bwant to end it\b"),
        (CareLabel.Crisis, "en", @"\bend (it all|my life|my own life|everything)\b|\btake my (own )?life\b|\bunalive\b|\boverdos(e|ing)\b"),
        (CareLabel.Crisis, "en", @"\bno (reason|point) (to|in) (live|living|going on|carry on)\b|\bnothing (left )?to live for\b|\bcan'?t (go on|carry on) (anymore|any more|like this|living)\b"),
        (CareLabel.Crisis, "en", @"\b(don'?t|do not|dont) want to (be here|live|wake up|exist|be alive)\b|\bbetter off without me\b|\bnot be (here|around) (anymore|any more)\b"),
        (CareLabel.Crisis, "en", @"\b(pills|tablets|rope) (are )?(ready|saved|stockpiled)\b|\bwant (it all|everything|this all|it) to (stop|end)( for good| forever)?\b|\bwanna die\b"),
        (CareLabel.Crisis, "es", @"\bsuicid(io|arme|a|ar)\b|\b(matarme|quitarme la vida|acabar con mi vida|acabar con todo|hacerme dano|lastimarme|cortarme)\b"),
        (CareLabel.Crisis, "es", @"\b(quiero|quisiera|prefiero|me quiero) (morir|morirme|estar muert[oa]|desaparecer)\b|\bno quiero (vivir|seguir viviendo|despertar|seguir aqui)\b"),
        (CareLabel.Crisis, "es", @"\bno (tengo|hay) (razon|motivo|por que|para que) (para )?(vivir|seguir)\b|\bmejor (estaria|estarian|estarias) (muert[oa]|sin mi)\b|\bmejor sin mi\b"),
        (CareLabel.Crisis, "es", @"\b(pastillas|cuerda) (preparadas|guardadas|lista|listas)\b|\bquiero que todo (se )?(acabe|termine)\b|\bque todo se acabe\b"),
    ];

    private static readonly Rule[] Compiled = [.. Table.Select((row, i) =>
        new Rule($"{CareLabels.Code(row.Label)}/{row.Lang}/{i + 1}", row.Label, new Regex(row.Pattern, Options | RegexOptions.Multiline)))];

    public static IReadOnlyList<CareLabel> LabelsWithRules { get; } = [.. Table.Select(r => r.Label).Distinct()];

    /// <summary>Every match of every rule in the text, spans in the text as given (folding keeps one char for one).</summary>
    public static IReadOnlyList<RuleMatch> Match(string text)
    {
        var folded = Folding.Fold(text);
        var matches = new List<RuleMatch>();
        foreach (var rule in Compiled)
        {
            foreach (var match in rule.Pattern.EnumerateMatches(folded))
            {
                if (match.Length > 0)
                {
                    matches.Add(new RuleMatch(rule.Id, rule.Label, match.Index, match.Length));
                }
            }
        }

        return matches;
    }
}
