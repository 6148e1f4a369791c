using System.Diagnostics;
using System.Globalization;
using System.Text;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using PhoneNumbers;

namespace Parley.Demo.Portfolio;

/// <summary>
/// Generates the demo portfolio person by person. Each person has their own <see cref="Random"/> derived from the seed
/// and their index, so person i is the same whatever N is and whatever the as-of date (references never move), and
/// the stream needs no memory beyond the person being generated.
/// </summary>
public sealed class PortfolioGenerator
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly ZoneGroup[] EveryGroup = Enum.GetValues<ZoneGroup>();

    private static readonly string[] UsStreets =
    [
        "Main St", "Oak Ave", "Maple St", "Cedar Ln", "Park Ave", "Washington St", "Lincoln Ave", "Elm St", "Pine St",
        "Lake Dr", "Hill Rd", "Church St", "Jefferson Ave", "Highland Ave", "Chestnut St", "Walnut St", "Riverside Dr",
        "Center St", "Market St", "Broadway", "2nd St", "3rd Ave", "Mill Rd", "Martin Luther King Jr Blvd", "Grand Ave",
    ];

    private static readonly string[] HawaiiStreets = ["Kalakaua Ave", "Kapiolani Blvd", "Kilauea Ave", "Kamehameha Ave", "Liliha St", "Waiakamilo Rd"];

    private static readonly string[] UkStreets =
    [
        "High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road", "Park Road", "Queen Street",
        "Mill Lane", "Kings Road", "The Crescent", "Albert Road", "Grove Road", "New Road", "Springfield Avenue",
    ];

    private static readonly string[] WelshStreets = ["Stryd Fawr", "Heol y Parc", "Ffordd yr Orsaf", "Heol Eglwys", "Lôn Las"];

    private static readonly Dictionary<NameMix, WeightedChoice<NamePool>> PoolsByMix =
        Enum.GetValues<NameMix>().ToDictionary(m => m, m => new WeightedChoice<NamePool>(Names.For(m)));

    private static readonly Dictionary<ZoneGroup, WeightedChoice<Place>> PlacesByGroup =
        EveryGroup.ToDictionary(g => g, g => new WeightedChoice<Place>(Places.All.Where(p => p.Group == g).Select(p => (p, p.Weight))));

    private static readonly WeightedChoice<Place> AllPlaces = new(Places.All.Select(p => (p, p.Weight)));

    private const string PostcodeInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    private readonly int _seed;
    private readonly LocalDate _asOf;

    public PortfolioGenerator(int seed, LocalDate asOf)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        _seed = seed;
        _asOf = asOf;
    }

    public int Seed => _seed;

    public LocalDate AsOf => _asOf;

    /// <summary>People 0, 1, 2, … without end; take as many as needed.</summary>
    public IEnumerable<DemoPerson> People()
    {
        for (var i = 0; ; i++)
        {
            yield return Person(i);
        }
    }

    public DemoPerson Person(int index)
    {
        var rng = new Random(PersonSeed(_seed, index));

        // The first people visit every zone group once, so even a tiny portfolio covers Arizona, Alaska, Hawaii and the UK.
        var place = index < EveryGroup.Length ? PlacesByGroup[EveryGroup[index]].Pick(rng) : AllPlaces.Pick(rng);
        var uk = place.Group == ZoneGroup.UnitedKingdom;
        var pool = PoolsByMix[place.Names].Pick(rng);
        var given = pool.Given[rng.Next(pool.Given.Length)];
        var family = pool.Family[rng.Next(pool.Family.Length)];
        var language = pool.AlternateLanguage is { } alternate && rng.NextDouble() < pool.AlternateLanguageShare ? alternate : uk ? "en-GB" : "en-US";

        var age = 19 + (int)(61 * Math.Pow(rng.NextDouble(), 1.3));
        var dateOfBirth = _asOf.PlusYears(-age).PlusDays(-rng.Next(365));

        var (line1, line2, postalCode) = Address(rng, place, language);
        var (mobileWritten, mobileE164) = uk ? UkMobile(rng) : UsPhone(rng, place);
        var mobileConsent = Pick(rng, ("call+sms", 45), ("call", 25), ("sms", 10), ("none", 20));
        string? home = null;
        if (rng.NextDouble() < (uk ? 0.25 : 0.3))
        {
            home = uk ? UkLandline(rng, place) : UsPhone(rng, place).Written;
        }

        var work = !uk && rng.NextDouble() < 0.1 ? UsPhone(rng, place).Written : null;
        string? email = null;
        var emailIsWork = false;
        if (rng.NextDouble() < 0.75)
        {
            emailIsWork = rng.NextDouble() < 0.1;
            email = Email(rng, given, family, emailIsWork);
        }

        var emailConsent = email is not null && rng.NextDouble() < 0.7;

        var story = PickStory(rng, place);
        var history = 6 + rng.Next(19);
        var eventMonthsAgo = 2 + rng.Next(Math.Max(1, history - 2));
        int? recovery = story == LifeStory.JobLoss && rng.NextDouble() < 0.4 && eventMonthsAgo > 4 ? eventMonthsAgo - 3 - rng.Next(eventMonthsAgo - 3) : null;
        var ability = story switch
        {
            LifeStory.Steady => 0.75 + 0.25 * rng.NextDouble(),
            LifeStory.Unwilling => 0.6 + 0.4 * rng.NextDouble(),
            _ => 0.35 + 0.55 * rng.NextDouble(),
        };
        var willingness = story == LifeStory.Unwilling ? 0.05 + 0.25 * rng.NextDouble() : 0.45 + 0.55 * rng.NextDouble();
        var vulnerable = story == LifeStory.Illness || rng.NextDouble() < 0.03;

        var person = new DemoPerson
        {
            Index = index,
            GivenName = given,
            FamilyName = family,
            DateOfBirth = dateOfBirth,
            Language = language,
            Place = place,
            AddressLine1 = line1,
            AddressLine2 = line2,
            PostalCode = postalCode,
            MobilePhone = mobileWritten,
            MobileE164 = mobileE164,
            MobileConsent = mobileConsent,
            HomePhone = home,
            WorkPhone = work,
            Email = email,
            EmailIsWork = emailIsWork,
            EmailConsent = emailConsent,
            Story = story,
            Ability = ability,
            Willingness = willingness,
            EventMonthsAgo = eventMonthsAgo,
            RecoveryMonthsAgo = recovery,
            Vulnerable = vulnerable,
        };

        foreach (var creditor in CreditorsFor(rng, uk))
        {
            person.Customers.Add(Customer(rng, person, creditor, history));
        }

        return person;
    }

    /// <summary>
    /// Everything structural (products, history lengths, holds) is drawn before any account is simulated, and each
    /// account simulates with its own generator: how a history plays out may depend on the as-of date, what exists may not.
    /// </summary>
    private DemoCustomer Customer(Random rng, DemoPerson person, DemoCreditor creditor, int history)
    {
        var customer = new DemoCustomer(creditor, $"{creditor.AccountPrefix}-S{_seed}-{person.Index:D7}");
        var neverRecovers = person.Story is LifeStory.Unwilling or LifeStory.JobLoss && person.RecoveryMonthsAgo is null;
        var plans = ProductsFor(rng, creditor).Select((product, k) => (
            Product: product,
            Reference: $"{customer.CustomerReference}-{k + 1}",
            History: Math.Clamp(history - rng.Next(3), 6, 24),
            AgeMonths: neverRecovers && rng.NextDouble() < 0.12 ? 24 + rng.Next(37) : 0,
            Seed: rng.Next(),
            Disputed: rng.NextDouble() < (product == ProductType.Medical ? 0.08 : 0.02),
            DisputeDaysAgo: rng.Next(30))).ToList();
        foreach (var plan in plans.Where(p => p.Disputed))
        {
            customer.Holds.Add(new DemoHold(
                HoldType.Dispute,
                plan.Reference,
                _asOf.PlusDays(-plan.DisputeDaysAgo),
                null,
                false,
                plan.Product == ProductType.Medical
                    ? "Customer says insurance should have covered this bill; claim under review."
                    : "Customer disputes the balance and asked for verification of the debt."));
        }

        AddCareHolds(rng, person, customer);
        foreach (var plan in plans)
        {
            customer.Accounts.Add(AccountSimulator.Simulate(new Random(plan.Seed), person, creditor, plan.Product, plan.Reference, _asOf, plan.History, plan.AgeMonths));
        }

        return customer;
    }

    private void AddCareHolds(Random rng, DemoPerson person, DemoCustomer customer)
    {
        if (person.Vulnerable && rng.NextDouble() < 0.5)
        {
            customer.Holds.Add(rng.NextDouble() < 0.4
                ? new DemoHold(HoldType.MentalHealthCrisis, null, _asOf.PlusDays(-rng.Next(20)), 30, false, "Customer told us they are in a mental health crisis; no collection until reviewed.")
                : new DemoHold(HoldType.VulnerabilityReview, null, _asOf.PlusDays(-rng.Next(20)), null, false, "Customer disclosed a serious illness; review support needs before any contact."));
        }

        var struggling = person.Story is LifeStory.JobLoss or LifeStory.Illness or LifeStory.Overextended;
        if (customer.Creditor.Country == "GB" && struggling && rng.NextDouble() < 0.12)
        {
            // A standard Breathing Space lasts 60 days and ends by itself.
            customer.Holds.Add(new DemoHold(HoldType.BreathingSpace, null, _asOf.PlusDays(-rng.Next(50)), 60, true, "Standard Breathing Space registered by a debt adviser (Debt Respite Scheme)."));
        }
    }

    private static IEnumerable<DemoCreditor> CreditorsFor(Random rng, bool uk)
    {
        if (uk)
        {
            yield return DemoCreditors.UkLender;
            yield break;
        }

        var mix = DemoCreditors.UsMix;
        var first = Pick(rng, mix.Select((m, i) => (i, m.Weight)).ToArray());
        yield return mix[first].Creditor;
        if (rng.NextDouble() < 0.15)
        {
            var second = (first + 1 + rng.Next(mix.Length - 1)) % mix.Length;
            yield return mix[second].Creditor;
        }
    }

    private static ProductType[] ProductsFor(Random rng, DemoCreditor creditor)
    {
        if (creditor.Products.Length == 1)
        {
            var product = creditor.Products[0];
            var count = product is ProductType.Bnpl or ProductType.Medical ? Pick(rng, (1, 60), (2, 30), (3, 10)) : 1;
            return Enumerable.Repeat(product, count).ToArray();
        }

        // Lenders with cards and loans: mostly a card, sometimes a loan as well.
        var firstIsCard = rng.NextDouble() < 0.8;
        ProductType main = firstIsCard ? ProductType.CreditCard : ProductType.PersonalLoan;
        ProductType other = firstIsCard ? ProductType.PersonalLoan : ProductType.CreditCard;
        return rng.NextDouble() < 0.22 ? [main, other] : [main];
    }

    private static LifeStory PickStory(Random rng, Place place)
    {
        var seasonalWeight = place.City is "Fresno" or "Salinas" or "Yakima" or "McAllen" or "Bakersfield" ? 25 : 4;
        var summerWeight = place.Group is ZoneGroup.Alaska or ZoneGroup.Hawaii ? 25 : 4;
        return Pick(
            rng,
            (LifeStory.Steady, 10),
            (LifeStory.JobLoss, 18),
            (LifeStory.Illness, 10),
            (LifeStory.PayCut, 14),
            (LifeStory.SummerWork, summerWeight),
            (LifeStory.HarvestWork, seasonalWeight),
            (LifeStory.Overextended, 25),
            (LifeStory.Unwilling, 12));
    }

    private static (string Line1, string? Line2, string PostalCode) Address(Random rng, Place place, string language)
    {
        var postal = place.PostalCodes[rng.Next(place.PostalCodes.Length)];
        if (place.Group == ZoneGroup.UnitedKingdom)
        {
            var streets = language == "cy-GB" || (place.Jurisdiction == "GB-WLS" && rng.NextDouble() < 0.2) ? WelshStreets : UkStreets;
            var inward = string.Create(CultureInfo.InvariantCulture, $"{rng.Next(10)}{PostcodeInwardLetters[rng.Next(PostcodeInwardLetters.Length)]}{PostcodeInwardLetters[rng.Next(PostcodeInwardLetters.Length)]}");
            var flat = rng.NextDouble() < 0.2 ? string.Create(CultureInfo.InvariantCulture, $"Flat {1 + rng.Next(12)}") : null;
            return (string.Create(CultureInfo.InvariantCulture, $"{1 + rng.Next(240)} {streets[rng.Next(streets.Length)]}"), flat, $"{postal} {inward}");
        }

        var usStreets = place.Group == ZoneGroup.Hawaii ? HawaiiStreets : UsStreets;
        var apartment = rng.NextDouble() < 0.25 ? string.Create(CultureInfo.InvariantCulture, $"Apt {1 + rng.Next(30)}{(char)('A' + rng.Next(6))}") : null;
        return (string.Create(CultureInfo.InvariantCulture, $"{1 + rng.Next(9899)} {usStreets[rng.Next(usStreets.Length)]}"), apartment, postal);
    }

    /// <summary>A number in the place's area code from NANPA's 555-0100…0199 block, reserved for fiction.</summary>
    private static (string Written, string E164) UsPhone(Random rng, Place place)
    {
        var area = place.PhonePrefixes[rng.Next(place.PhonePrefixes.Length)];
        var line = string.Create(CultureInfo.InvariantCulture, $"01{rng.Next(100):D2}");
        var e164 = $"+1{area}555{line}";
        var written = rng.Next(3) switch
        {
            0 => $"({area}) 555-{line}",
            1 => $"{area}-555-{line}",
            _ => e164,
        };
        return (written, e164);
    }

    /// <summary>
    /// Ofcom's drama mobile range (07700 900xxx) is not valid for libphonenumber, so UK mobiles are drawn from
    /// allocated ranges and checked: a demo database must never be wired to a live SMS or dialler provider.
    /// </summary>
    private static (string Written, string E164) UkMobile(Random rng)
    {
        while (true)
        {
            var national = string.Create(CultureInfo.InvariantCulture, $"07{4 + rng.Next(6)}{rng.Next(100_000_000):D8}");
            var parsed = Phones.Parse(national, "GB");
            // Some 07 ranges belong to Jersey, Guernsey and the Isle of Man, which are not the UK.
            if (Phones.IsValidNumber(parsed) && Phones.GetNumberType(parsed) == PhoneNumberType.MOBILE && Phones.GetRegionCodeForNumber(parsed) == "GB")
            {
                var e164 = Phones.Format(parsed, PhoneNumberFormat.E164);
                return (rng.Next(2) == 0 ? $"{national[..5]} {national[5..]}" : e164, e164);
            }
        }
    }

    /// <summary>A landline in the city's Ofcom drama block (e.g. 0161 496 0xxx); places without one get none.</summary>
    private static string? UkLandline(Random rng, Place place)
    {
        if (place.PhonePrefixes.Length == 0)
        {
            return null;
        }

        var prefix = place.PhonePrefixes[0];
        var digits = "0" + prefix + string.Create(CultureInfo.InvariantCulture, $"{rng.Next(1000):D3}").PadLeft(10 - prefix.Length, '0');
        return digits.Length == 11 && digits.StartsWith("02", StringComparison.Ordinal)
            ? $"{digits[..3]} {digits[3..7]} {digits[7..]}"
            : $"{digits[..4]} {digits[4..7]} {digits[7..]}";
    }

    private static string Email(Random rng, string given, string family, bool work)
    {
        var local = Ascii(given) + (rng.Next(2) == 0 ? "." : "") + Ascii(family);
        var suffix = rng.NextDouble() < 0.6 ? (10 + rng.Next(90)).ToString(CultureInfo.InvariantCulture) : "";
        var domain = work ? "example.org" : rng.Next(2) == 0 ? "example.com" : "example.net";
        return $"{local}{suffix}@{domain}";
    }

    private static string Ascii(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            var folded = c switch
            {
                'á' or 'â' or 'ą' => 'a',
                'é' or 'ę' => 'e',
                'í' => 'i',
                'ó' => 'o',
                'ú' or 'ü' => 'u',
                'ñ' or 'ń' => 'n',
                'ł' => 'l',
                'ś' => 's',
                'ź' or 'ż' => 'z',
                'ć' => 'c',
                'ŷ' => 'y',
                _ => c,
            };
            if (folded is >= 'a' and <= 'z')
            {
                builder.Append(folded);
            }
        }

        return builder.ToString();
    }

    internal static T Pick<T>(Random rng, params (T Value, int Weight)[] choices)
    {
        var roll = rng.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new UnreachableException();
    }

    /// <summary>SplitMix64 of (seed, index): independent, well-mixed streams per person.</summary>
    internal static int PersonSeed(int seed, int index)
    {
        unchecked
        {
            var z = (((ulong)(uint)seed << 32) | (uint)index) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }
}
