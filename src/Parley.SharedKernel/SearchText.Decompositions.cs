namespace Parley.SharedKernel;

public static partial class SearchText
{
    /// <summary>
    /// Letters that carry marks or are compatibility forms, each followed by what it folds to: its Unicode (14.0)
    /// compatibility decomposition with the marks dropped, in lower case (Latin, Greek and Greek Extended, Cyrillic,
    /// Latin Extended Additional, Latin ligatures). The host runs with invariant globalization, so
    /// <c>string.Normalize</c> cannot decompose at run time; this table is that decomposition, written down.
    /// </summary>
    private const string Decompositions =
        "Àa Áa Âa Ãa Äa Åa Çc Èe Ée Êe Ëe Ìi Íi Îi Ïi Ñn Òo Óo Ôo Õo Öo Ùu Úu Ûu Üu Ýy àa áa âa ãa äa åa çc èe ée êe ëe "
        + "ìi íi îi ïi ñn òo óo ôo õo öo ùu úu ûu üu ýy ÿy Āa āa Ăa ăa Ąa ąa Ćc ćc Ĉc ĉc Ċc ċc Čc čc Ďd ďd Ēe ēe Ĕe ĕe Ėe "
        + "ėe Ęe ęe Ěe ěe Ĝg ĝg Ğg ğg Ġg ġg Ģg ģg Ĥh ĥh Ĩi ĩi Īi īi Ĭi ĭi Įi įi İi Ĳij ĳij Ĵj ĵj Ķk ķk Ĺl ĺl Ļl ļl Ľl ľl "
        + "Ńn ńn Ņn ņn Ňn ňn ŉʼn Ōo ōo Ŏo ŏo Őo őo Ŕr ŕr Ŗr ŗr Řr řr Śs śs Ŝs ŝs Şs şs Šs šs Ţt ţt Ťt ťt Ũu ũu Ūu ūu Ŭu "
        + "ŭu Ůu ůu Űu űu Ųu ųu Ŵw ŵw Ŷy ŷy Ÿy Źz źz Żz żz Žz žz ſs Ơo ơo Ưu ưu Ǆdz ǅdz ǆdz Ǉlj ǈlj ǉlj Ǌnj ǋnj ǌnj Ǎa ǎa "
        + "Ǐi ǐi Ǒo ǒo Ǔu ǔu Ǖu ǖu Ǘu ǘu Ǚu ǚu Ǜu ǜu Ǟa ǟa Ǡa ǡa Ǣae ǣae Ǧg ǧg Ǩk ǩk Ǫo ǫo Ǭo ǭo Ǯʒ ǯʒ ǰj Ǳdz ǲdz ǳdz Ǵg "
        + "ǵg Ǹn ǹn Ǻa ǻa Ǽae ǽae Ǿo ǿo Ȁa ȁa Ȃa ȃa Ȅe ȅe Ȇe ȇe Ȉi ȉi Ȋi ȋi Ȍo ȍo Ȏo ȏo Ȑr ȑr Ȓr ȓr Ȕu ȕu Ȗu ȗu Șs șs Țt "
        + "țt Ȟh ȟh Ȧa ȧa Ȩe ȩe Ȫo ȫo Ȭo ȭo Ȯo ȯo Ȱo ȱo Ȳy ȳy ʹʹ Άα Έε Ήη Ίι Όο Ύυ Ώω ΐι Ϊι Ϋυ άα έε ήη ίι ΰυ ϊι ϋυ όο ύυ "
        + "ώω ϐβ ϑθ ϒυ ϓυ ϔυ ϕφ ϖπ ϰκ ϱρ ϲσ ϵε Ϲσ Ѐе Ёе Ѓг Їі Ќк Ѝи Ўу Йи йи ѐе ёе ѓг їі ќк ѝи ўу Ѷѵ ѷѵ Ӂж ӂж Ӑа ӑа Ӓа ӓа "
        + "Ӗе ӗе Ӛә ӛә Ӝж ӝж Ӟз ӟз Ӣи ӣи Ӥи ӥи Ӧо ӧо Ӫө ӫө Ӭэ ӭэ Ӯу ӯу Ӱу ӱу Ӳу ӳу Ӵч ӵч Ӹы ӹы Ḁa ḁa Ḃb ḃb Ḅb ḅb Ḇb ḇb Ḉc "
        + "ḉc Ḋd ḋd Ḍd ḍd Ḏd ḏd Ḑd ḑd Ḓd ḓd Ḕe ḕe Ḗe ḗe Ḙe ḙe Ḛe ḛe Ḝe ḝe Ḟf ḟf Ḡg ḡg Ḣh ḣh Ḥh ḥh Ḧh ḧh Ḩh ḩh Ḫh ḫh Ḭi ḭi "
        + "Ḯi ḯi Ḱk ḱk Ḳk ḳk Ḵk ḵk Ḷl ḷl Ḹl ḹl Ḻl ḻl Ḽl ḽl Ḿm ḿm Ṁm ṁm Ṃm ṃm Ṅn ṅn Ṇn ṇn Ṉn ṉn Ṋn ṋn Ṍo ṍo Ṏo ṏo Ṑo ṑo Ṓo "
        + "ṓo Ṕp ṕp Ṗp ṗp Ṙr ṙr Ṛr ṛr Ṝr ṝr Ṟr ṟr Ṡs ṡs Ṣs ṣs Ṥs ṥs Ṧs ṧs Ṩs ṩs Ṫt ṫt Ṭt ṭt Ṯt ṯt Ṱt ṱt Ṳu ṳu Ṵu ṵu Ṷu ṷu "
        + "Ṹu ṹu Ṻu ṻu Ṽv ṽv Ṿv ṿv Ẁw ẁw Ẃw ẃw Ẅw ẅw Ẇw ẇw Ẉw ẉw Ẋx ẋx Ẍx ẍx Ẏy ẏy Ẑz ẑz Ẓz ẓz Ẕz ẕz ẖh ẗt ẘw ẙy ẚaʾ ẛs "
        + "Ạa ạa Ảa ảa Ấa ấa Ầa ầa Ẩa ẩa Ẫa ẫa Ậa ậa Ắa ắa Ằa ằa Ẳa ẳa Ẵa ẵa Ặa ặa Ẹe ẹe Ẻe ẻe Ẽe ẽe Ếe ếe Ềe ềe Ểe ểe Ễe "
        + "ễe Ệe ệe Ỉi ỉi Ịi ịi Ọo ọo Ỏo ỏo Ốo ốo Ồo ồo Ổo ổo Ỗo ỗo Ộo ộo Ớo ớo Ờo ờo Ởo ởo Ỡo ỡo Ợo ợo Ụu ụu Ủu ủu Ứu ứu "
        + "Ừu ừu Ửu ửu Ữu ữu Ựu ựu Ỳy ỳy Ỵy ỵy Ỷy ỷy Ỹy ỹy ἀα ἁα ἂα ἃα ἄα ἅα ἆα ἇα Ἀα Ἁα Ἂα Ἃα Ἄα Ἅα Ἆα Ἇα ἐε ἑε ἒε ἓε ἔε "
        + "ἕε Ἐε Ἑε Ἒε Ἓε Ἔε Ἕε ἠη ἡη ἢη ἣη ἤη ἥη ἦη ἧη Ἠη Ἡη Ἢη Ἣη Ἤη Ἥη Ἦη Ἧη ἰι ἱι ἲι ἳι ἴι ἵι ἶι ἷι Ἰι Ἱι Ἲι Ἳι Ἴι Ἵι "
        + "Ἶι Ἷι ὀο ὁο ὂο ὃο ὄο ὅο Ὀο Ὁο Ὂο Ὃο Ὄο Ὅο ὐυ ὑυ ὒυ ὓυ ὔυ ὕυ ὖυ ὗυ Ὑυ Ὓυ Ὕυ Ὗυ ὠω ὡω ὢω ὣω ὤω ὥω ὦω ὧω Ὠω Ὡω Ὢω "
        + "Ὣω Ὤω Ὥω Ὦω Ὧω ὰα άα ὲε έε ὴη ήη ὶι ίι ὸο όο ὺυ ύυ ὼω ώω ᾀα ᾁα ᾂα ᾃα ᾄα ᾅα ᾆα ᾇα ᾈα ᾉα ᾊα ᾋα ᾌα ᾍα ᾎα ᾏα ᾐη ᾑη "
        + "ᾒη ᾓη ᾔη ᾕη ᾖη ᾗη ᾘη ᾙη ᾚη ᾛη ᾜη ᾝη ᾞη ᾟη ᾠω ᾡω ᾢω ᾣω ᾤω ᾥω ᾦω ᾧω ᾨω ᾩω ᾪω ᾫω ᾬω ᾭω ᾮω ᾯω ᾰα ᾱα ᾲα ᾳα ᾴα ᾶα ᾷα "
        + "Ᾰα Ᾱα Ὰα Άα ᾼα ιι ῂη ῃη ῄη ῆη ῇη Ὲε Έε Ὴη Ήη ῌη ῐι ῑι ῒι ΐι ῖι ῗι Ῐι Ῑι Ὶι Ίι ῠυ ῡυ ῢυ ΰυ ῤρ ῥρ ῦυ ῧυ Ῠυ Ῡυ Ὺυ "
        + "Ύυ Ῥρ ῲω ῳω ῴω ῶω ῷω Ὸο Όο Ὼω Ώω ῼω ﬀff ﬁfi ﬂfl ﬃffi ﬄffl ﬅst ﬆst ";
}
