namespace Parley.Demo.Portfolio;

/// <summary>The time-zone groups a portfolio must cover; Arizona is separate because it keeps standard time all year.</summary>
public enum ZoneGroup
{
    Eastern,
    Central,
    Mountain,
    Arizona,
    Pacific,
    Alaska,
    Hawaii,
    UnitedKingdom,
}

/// <summary>Which name pool a place draws from, roughly following its population.</summary>
public enum NameMix
{
    UsGeneral,
    UsSouth,
    UsSouthwest,
    UsHawaii,
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

/// <summary>
/// A real city with real postal codes (US ZIPs; UK outward codes, to which an inward code is added), its IANA zone and
/// the phone prefixes that belong there: US area codes, and for UK cities Ofcom's drama-reserved landline block.
/// </summary>
public sealed record Place(
    string City,
    string Jurisdiction,
    string TimeZone,
    ZoneGroup Group,
    NameMix Names,
    int Weight,
    string[] PostalCodes,
    string[] PhonePrefixes,
    int StatuteOfLimitationsYears);

public static class Places
{
    /// <summary>Weights are metro populations in units of 100,000 so the mix follows where people live.</summary>
    public static IReadOnlyList<Place> All { get; } =
    [
        // Eastern
        Us("New York", "NY", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 60, ["10025", "10027", "10031"], ["212", "646", "917"], 3),
        Us("Bronx", "NY", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 30, ["10453", "10456", "10467"], ["718", "347"], 3),
        Us("Brooklyn", "NY", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 40, ["11207", "11212", "11226"], ["718", "347"], 3),
        Us("Philadelphia", "PA", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 50, ["19104", "19120", "19143"], ["215", "267"], 4),
        Us("Pittsburgh", "PA", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 20, ["15201", "15210"], ["412"], 4),
        Us("Boston", "MA", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 40, ["02118", "02121", "02124"], ["617", "857"], 6),
        Us("Hartford", "CT", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 10, ["06106", "06112"], ["860"], 6),
        Us("Newark", "NJ", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 20, ["07102", "07106"], ["973", "862"], 6),
        Us("Baltimore", "MD", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 25, ["21201", "21215"], ["410", "443"], 3),
        Us("Washington", "DC", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 20, ["20001", "20019"], ["202"], 3),
        Us("Richmond", "VA", "America/New_York", ZoneGroup.Eastern, NameMix.UsSouth, 12, ["23220", "23223"], ["804"], 3),
        Us("Charlotte", "NC", "America/New_York", ZoneGroup.Eastern, NameMix.UsSouth, 25, ["28202", "28208"], ["704", "980"], 3),
        Us("Raleigh", "NC", "America/New_York", ZoneGroup.Eastern, NameMix.UsSouth, 15, ["27601", "27610"], ["919", "984"], 3),
        Us("Columbia", "SC", "America/New_York", ZoneGroup.Eastern, NameMix.UsSouth, 8, ["29201", "29203"], ["803"], 3),
        Us("Atlanta", "GA", "America/New_York", ZoneGroup.Eastern, NameMix.UsSouth, 60, ["30303", "30310", "30318"], ["404", "470", "678"], 6),
        Us("Miami", "FL", "America/New_York", ZoneGroup.Eastern, NameMix.UsSouthwest, 60, ["33125", "33135", "33147"], ["305", "786"], 5),
        Us("Orlando", "FL", "America/New_York", ZoneGroup.Eastern, NameMix.UsSouth, 27, ["32801", "32805", "32822"], ["407", "321"], 5),
        Us("Tampa", "FL", "America/New_York", ZoneGroup.Eastern, NameMix.UsSouth, 32, ["33602", "33610"], ["813"], 5),
        Us("Jacksonville", "FL", "America/New_York", ZoneGroup.Eastern, NameMix.UsSouth, 16, ["32202", "32208"], ["904"], 5),
        Us("Detroit", "MI", "America/Detroit", ZoneGroup.Eastern, NameMix.UsGeneral, 43, ["48201", "48205", "48228"], ["313"], 6),
        Us("Columbus", "OH", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 21, ["43201", "43207"], ["614"], 6),
        Us("Cleveland", "OH", "America/New_York", ZoneGroup.Eastern, NameMix.UsGeneral, 20, ["44102", "44105"], ["216"], 6),
        Us("Indianapolis", "IN", "America/Indiana/Indianapolis", ZoneGroup.Eastern, NameMix.UsGeneral, 21, ["46201", "46218"], ["317"], 6),
        Us("Louisville", "KY", "America/Kentucky/Louisville", ZoneGroup.Eastern, NameMix.UsSouth, 13, ["40203", "40211"], ["502"], 5),
        Us("Knoxville", "TN", "America/New_York", ZoneGroup.Eastern, NameMix.UsSouth, 9, ["37917", "37920"], ["865"], 6),

        // Central
        Us("Chicago", "IL", "America/Chicago", ZoneGroup.Central, NameMix.UsGeneral, 94, ["60608", "60617", "60623", "60647"], ["312", "773", "872"], 5),
        Us("Houston", "TX", "America/Chicago", ZoneGroup.Central, NameMix.UsSouthwest, 71, ["77002", "77011", "77036", "77081"], ["713", "281", "832"], 4),
        Us("Dallas", "TX", "America/Chicago", ZoneGroup.Central, NameMix.UsSouthwest, 76, ["75201", "75211", "75217"], ["214", "469", "972"], 4),
        Us("San Antonio", "TX", "America/Chicago", ZoneGroup.Central, NameMix.UsSouthwest, 26, ["78201", "78207", "78237"], ["210"], 4),
        Us("Austin", "TX", "America/Chicago", ZoneGroup.Central, NameMix.UsSouthwest, 23, ["78702", "78745"], ["512", "737"], 4),
        Us("McAllen", "TX", "America/Chicago", ZoneGroup.Central, NameMix.UsSouthwest, 9, ["78501", "78504"], ["956"], 4),
        Us("Memphis", "TN", "America/Chicago", ZoneGroup.Central, NameMix.UsSouth, 13, ["38106", "38118"], ["901"], 6),
        Us("Nashville", "TN", "America/Chicago", ZoneGroup.Central, NameMix.UsSouth, 20, ["37203", "37207"], ["615", "629"], 6),
        Us("New Orleans", "LA", "America/Chicago", ZoneGroup.Central, NameMix.UsSouth, 13, ["70112", "70117"], ["504"], 3),
        Us("Birmingham", "AL", "America/Chicago", ZoneGroup.Central, NameMix.UsSouth, 11, ["35203", "35211"], ["205"], 3),
        Us("Jackson", "MS", "America/Chicago", ZoneGroup.Central, NameMix.UsSouth, 6, ["39203", "39209"], ["601"], 3),
        Us("Little Rock", "AR", "America/Chicago", ZoneGroup.Central, NameMix.UsSouth, 7, ["72202", "72204"], ["501"], 3),
        Us("Minneapolis", "MN", "America/Chicago", ZoneGroup.Central, NameMix.UsGeneral, 37, ["55404", "55411"], ["612"], 6),
        Us("Milwaukee", "WI", "America/Chicago", ZoneGroup.Central, NameMix.UsGeneral, 16, ["53204", "53206"], ["414"], 6),
        Us("Kansas City", "MO", "America/Chicago", ZoneGroup.Central, NameMix.UsGeneral, 22, ["64106", "64130"], ["816"], 5),
        Us("St. Louis", "MO", "America/Chicago", ZoneGroup.Central, NameMix.UsGeneral, 28, ["63103", "63118"], ["314"], 5),
        Us("Oklahoma City", "OK", "America/Chicago", ZoneGroup.Central, NameMix.UsGeneral, 14, ["73102", "73109"], ["405"], 5),
        Us("Omaha", "NE", "America/Chicago", ZoneGroup.Central, NameMix.UsGeneral, 10, ["68102", "68107"], ["402"], 4),
        Us("Des Moines", "IA", "America/Chicago", ZoneGroup.Central, NameMix.UsGeneral, 7, ["50309", "50315"], ["515"], 5),

        // Mountain (with daylight saving)
        Us("Denver", "CO", "America/Denver", ZoneGroup.Mountain, NameMix.UsSouthwest, 30, ["80204", "80219", "80221"], ["303", "720"], 6),
        Us("Colorado Springs", "CO", "America/Denver", ZoneGroup.Mountain, NameMix.UsGeneral, 8, ["80903", "80910"], ["719"], 6),
        Us("Salt Lake City", "UT", "America/Denver", ZoneGroup.Mountain, NameMix.UsGeneral, 13, ["84101", "84104", "84116"], ["801", "385"], 6),
        Us("Albuquerque", "NM", "America/Denver", ZoneGroup.Mountain, NameMix.UsSouthwest, 9, ["87102", "87105", "87108"], ["505"], 4),
        Us("El Paso", "TX", "America/Denver", ZoneGroup.Mountain, NameMix.UsSouthwest, 9, ["79901", "79905", "79924"], ["915"], 4),
        Us("Boise", "ID", "America/Boise", ZoneGroup.Mountain, NameMix.UsGeneral, 8, ["83702", "83705"], ["208"], 4),
        Us("Billings", "MT", "America/Denver", ZoneGroup.Mountain, NameMix.UsGeneral, 2, ["59101", "59102"], ["406"], 5),

        // Arizona: Mountain Standard Time all year
        Us("Phoenix", "AZ", "America/Phoenix", ZoneGroup.Arizona, NameMix.UsSouthwest, 40, ["85003", "85009", "85031", "85041"], ["602", "623"], 6),
        Us("Mesa", "AZ", "America/Phoenix", ZoneGroup.Arizona, NameMix.UsSouthwest, 8, ["85201", "85204"], ["480"], 6),
        Us("Tucson", "AZ", "America/Phoenix", ZoneGroup.Arizona, NameMix.UsSouthwest, 10, ["85705", "85713"], ["520"], 6),
        Us("Flagstaff", "AZ", "America/Phoenix", ZoneGroup.Arizona, NameMix.UsGeneral, 1, ["86001"], ["928"], 6),

        // Pacific
        Us("Los Angeles", "CA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsSouthwest, 100, ["90003", "90011", "90044"], ["213", "323"], 4),
        Us("San Diego", "CA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsSouthwest, 33, ["92101", "92105", "92113"], ["619"], 4),
        Us("San Jose", "CA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsSouthwest, 20, ["95112", "95116", "95122"], ["408", "669"], 4),
        Us("San Francisco", "CA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsGeneral, 20, ["94102", "94110", "94124"], ["415", "628"], 4),
        Us("Oakland", "CA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsGeneral, 17, ["94601", "94606", "94621"], ["510", "341"], 4),
        Us("Sacramento", "CA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsSouthwest, 24, ["95811", "95815", "95823"], ["916", "279"], 4),
        Us("Fresno", "CA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsSouthwest, 10, ["93701", "93702", "93706"], ["559"], 4),
        Us("Bakersfield", "CA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsSouthwest, 9, ["93301", "93307"], ["661"], 4),
        Us("Salinas", "CA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsSouthwest, 4, ["93901", "93905"], ["831"], 4),
        Us("Seattle", "WA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsGeneral, 40, ["98101", "98108", "98118"], ["206"], 6),
        Us("Spokane", "WA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsGeneral, 6, ["99201", "99207"], ["509"], 6),
        Us("Yakima", "WA", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsSouthwest, 3, ["98901", "98902"], ["509"], 6),
        Us("Portland", "OR", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsGeneral, 25, ["97203", "97206", "97233"], ["503", "971"], 6),
        Us("Las Vegas", "NV", "America/Los_Angeles", ZoneGroup.Pacific, NameMix.UsSouthwest, 23, ["89101", "89110", "89121"], ["702", "725"], 4),

        // Alaska and Hawaii
        Us("Anchorage", "AK", "America/Anchorage", ZoneGroup.Alaska, NameMix.UsGeneral, 4, ["99501", "99504", "99508"], ["907"], 3),
        Us("Fairbanks", "AK", "America/Anchorage", ZoneGroup.Alaska, NameMix.UsGeneral, 1, ["99701", "99709"], ["907"], 3),
        Us("Honolulu", "HI", "Pacific/Honolulu", ZoneGroup.Hawaii, NameMix.UsHawaii, 10, ["96813", "96815", "96817", "96819"], ["808"], 6),
        Us("Hilo", "HI", "Pacific/Honolulu", ZoneGroup.Hawaii, NameMix.UsHawaii, 2, ["96720"], ["808"], 6),
        Us("Kahului", "HI", "Pacific/Honolulu", ZoneGroup.Hawaii, NameMix.UsHawaii, 2, ["96732"], ["808"], 6),

        // United Kingdom: limitation is 6 years in England, Wales and Northern Ireland, 5 (prescription) in Scotland.
        Uk("London", "GB-ENG", NameMix.England, 90, ["E1", "E17", "N15", "SE15", "SW9", "NW10", "W12"], ["207946"], 6),
        Uk("Birmingham", "GB-ENG", NameMix.England, 28, ["B10", "B23", "B33"], ["121496"], 6),
        Uk("Manchester", "GB-ENG", NameMix.England, 28, ["M8", "M14", "M40"], ["161496"], 6),
        Uk("Leeds", "GB-ENG", NameMix.England, 18, ["LS8", "LS11", "LS14"], ["113496"], 6),
        Uk("Sheffield", "GB-ENG", NameMix.England, 14, ["S2", "S5", "S9"], ["114496"], 6),
        Uk("Liverpool", "GB-ENG", NameMix.England, 15, ["L4", "L8", "L11"], ["151496"], 6),
        Uk("Bristol", "GB-ENG", NameMix.England, 11, ["BS5", "BS13"], ["117496"], 6),
        Uk("Nottingham", "GB-ENG", NameMix.England, 9, ["NG3", "NG7"], [], 6),
        Uk("Leicester", "GB-ENG", NameMix.England, 8, ["LE2", "LE4"], ["116496"], 6),
        Uk("Newcastle upon Tyne", "GB-ENG", NameMix.England, 11, ["NE4", "NE6"], ["191498"], 6),
        Uk("Cardiff", "GB-WLS", NameMix.Wales, 5, ["CF5", "CF11", "CF24"], ["2920180"], 6),
        Uk("Swansea", "GB-WLS", NameMix.Wales, 3, ["SA1", "SA6"], [], 6),
        Uk("Bangor", "GB-WLS", NameMix.Wales, 1, ["LL57"], [], 6),
        Uk("Aberystwyth", "GB-WLS", NameMix.Wales, 1, ["SY23"], [], 6),
        Uk("Carmarthen", "GB-WLS", NameMix.Wales, 1, ["SA31"], [], 6),
        Uk("Glasgow", "GB-SCT", NameMix.Scotland, 18, ["G21", "G31", "G42"], ["141496"], 5),
        Uk("Edinburgh", "GB-SCT", NameMix.Scotland, 9, ["EH7", "EH11", "EH16"], ["131496"], 5),
        Uk("Belfast", "GB-NIR", NameMix.NorthernIreland, 7, ["BT5", "BT12", "BT14"], ["2896496"], 6),
    ];

    private static Place Us(string city, string state, string zone, ZoneGroup group, NameMix names, int weight, string[] zips, string[] areaCodes, int solYears) =>
        new(city, "US-" + state, zone, group, names, weight, zips, areaCodes, solYears);

    private static Place Uk(string city, string jurisdiction, NameMix names, int weight, string[] outwardCodes, string[] dramaLandlinePrefixes, int solYears) =>
        new(city, jurisdiction, "Europe/London", ZoneGroup.UnitedKingdom, names, weight, outwardCodes, dramaLandlinePrefixes, solYears);
}
