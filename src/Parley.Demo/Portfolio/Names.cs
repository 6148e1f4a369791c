namespace Parley.Demo.Portfolio;

/// <summary>A pool of given and family names from one heritage, and the language tag some of its speakers prefer.</summary>
public sealed record NamePool(string[] Given, string[] Family, string? AlternateLanguage, double AlternateLanguageShare);

public static class Names
{
    public static readonly NamePool UsAnglo = new(
        ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Ashley", "Steven", "Emily", "Andrew", "Megan", "Joshua", "Amanda", "Kevin", "Melissa", "Brian", "Stephanie", "Tyler", "Brittany", "Cody", "Kayla", "Dustin", "Heather"],
        ["Smith", "Johnson", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Thompson", "White", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "O'Brien", "Sullivan", "Kowalski", "Schmidt", "Novak", "Olsen", "Larson"],
        null,
        0);

    public static readonly NamePool UsHispanic = new(
        ["José", "María", "Juan", "Guadalupe", "Luis", "Rosa", "Carlos", "Ana", "Jorge", "Carmen", "Miguel", "Sofía", "Alejandro", "Isabel", "Francisco", "Gabriela", "Jesús", "Verónica", "Ricardo", "Alejandra", "Eduardo", "Daniela", "Javier", "Adriana", "Héctor", "Yesenia", "Raúl", "Marisol", "Diego", "Valeria"],
        ["García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutiérrez", "Chávez", "Ramos", "Ruiz", "Mendoza", "Vásquez", "Castillo", "Jiménez", "Moreno", "Romero", "Herrera", "Medina", "Aguilar", "Vargas"],
        "es-US",
        0.35);

    public static readonly NamePool UsAfricanAmerican = new(
        ["Darnell", "Keisha", "Andre", "Latoya", "Marcus", "Tamika", "Jamal", "Shanice", "Terrence", "Aaliyah", "DeShawn", "Imani", "Malik", "Ebony", "Tyrone", "Jasmine", "Reginald", "Monique", "Cedric", "Tiana", "Isaiah", "Destiny", "Xavier", "Kiara"],
        ["Washington", "Jefferson", "Jackson", "Williams", "Brown", "Jones", "Harris", "Robinson", "Banks", "Booker", "Mosley", "Freeman", "Coleman", "Jenkins", "Bryant", "Dawson", "Gaines", "Pierce", "Holloway", "Simmons", "Battle", "Hawkins"],
        null,
        0);

    public static readonly NamePool UsAsian = new(
        ["Wei", "Mei", "Jun", "Li", "Hiroshi", "Yuki", "Min-jun", "Ji-woo", "Anh", "Linh", "Minh", "Thu", "Raj", "Priya", "Arjun", "Ananya", "Jose Paolo", "Maricel", "Kevin", "Grace", "Brandon", "Michelle"],
        ["Nguyen", "Tran", "Le", "Pham", "Chen", "Wang", "Li", "Zhang", "Liu", "Kim", "Park", "Lee", "Choi", "Patel", "Shah", "Singh", "Reddy", "Tanaka", "Yamamoto", "Santos", "Reyes", "Dela Cruz"],
        null,
        0);

    public static readonly NamePool UsHawaiian = new(
        ["Kainoa", "Leilani", "Keoni", "Malia", "Makoa", "Noelani", "Kalani", "Kanoe", "Ikaika", "Healani"],
        ["Kahananui", "Kealoha", "Kamaka", "Akana", "Kaleo", "Nakamura", "Kaneshiro", "Higa", "Kahale", "Keawe"],
        null,
        0);

    public static readonly NamePool British = new(
        ["Oliver", "Amelia", "George", "Olivia", "Harry", "Emily", "Jack", "Jessica", "Thomas", "Sophie", "James", "Charlotte", "William", "Lucy", "Daniel", "Hannah", "Callum", "Chloe", "Liam", "Megan", "Gary", "Tracey", "Lee", "Kerry", "Dean", "Leanne", "Craig", "Joanne"],
        ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Hughes", "Turner", "Hill", "Cooper", "Ward", "Shaw", "Barker", "Holmes"],
        null,
        0);

    public static readonly NamePool BritishSouthAsian = new(
        ["Mohammed", "Aisha", "Imran", "Fatima", "Ravi", "Priya", "Harpreet", "Simran", "Asif", "Nadia", "Sunil", "Anjali", "Bilal", "Sana", "Rajesh", "Zainab"],
        ["Khan", "Ahmed", "Hussain", "Patel", "Ali", "Begum", "Shah", "Singh", "Kaur", "Iqbal", "Rahman", "Chowdhury", "Mistry", "Sharma"],
        null,
        0);

    public static readonly NamePool BritishCaribbeanAfrican = new(
        ["Kwame", "Abena", "Chidi", "Ngozi", "Tunde", "Folake", "Marlon", "Shanice", "Delroy", "Jade", "Kofi", "Adaeze"],
        ["Okafor", "Mensah", "Adeyemi", "Boateng", "Campbell", "Francis", "Grant", "Okonkwo", "Asante", "Bailey", "Reid", "Osei"],
        null,
        0);

    public static readonly NamePool Polish = new(
        ["Piotr", "Agnieszka", "Tomasz", "Katarzyna", "Krzysztof", "Magdalena", "Paweł", "Joanna", "Marcin", "Ewa"],
        ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański"],
        null,
        0);

    public static readonly NamePool Welsh = new(
        ["Dafydd", "Cerys", "Rhys", "Siân", "Gethin", "Nia", "Iwan", "Bethan", "Owain", "Ffion", "Gareth", "Angharad", "Llŷr", "Eleri", "Huw", "Carys"],
        ["Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis", "Morgan", "Griffiths", "Price", "Pritchard", "Llewellyn", "Parry", "Owen", "ap Rhys"],
        "cy-GB",
        0.25);

    public static readonly NamePool Scottish = new(
        ["Callum", "Isla", "Euan", "Eilidh", "Fraser", "Morag", "Hamish", "Kirsty", "Angus", "Fiona", "Ross", "Ailsa", "Craig", "Shona"],
        ["MacDonald", "Campbell", "Stewart", "Robertson", "Thomson", "Murray", "Reid", "MacLeod", "Fraser", "Henderson", "Paterson", "Ross", "McKenzie", "Cameron"],
        null,
        0);

    public static readonly NamePool NorthernIrish = new(
        ["Ciarán", "Aoife", "Seán", "Niamh", "Declan", "Siobhán", "Conor", "Gráinne", "Ryan", "Orla", "Mark", "Lisa"],
        ["O'Neill", "McLaughlin", "Kelly", "Doherty", "Murphy", "Quinn", "Wilson", "Campbell", "Thompson", "McCann", "Gallagher", "Boyd"],
        null,
        0);

    /// <summary>The pools a place draws from, each with a weight out of 100.</summary>
    public static (NamePool Pool, int Weight)[] For(NameMix mix) => mix switch
    {
        NameMix.UsGeneral => [(UsAnglo, 60), (UsHispanic, 15), (UsAfricanAmerican, 17), (UsAsian, 8)],
        NameMix.UsSouth => [(UsAnglo, 52), (UsHispanic, 12), (UsAfricanAmerican, 32), (UsAsian, 4)],
        NameMix.UsSouthwest => [(UsAnglo, 38), (UsHispanic, 45), (UsAfricanAmerican, 8), (UsAsian, 9)],
        NameMix.UsHawaii => [(UsAnglo, 25), (UsAsian, 40), (UsHawaiian, 25), (UsHispanic, 10)],
        NameMix.England => [(British, 78), (BritishSouthAsian, 10), (BritishCaribbeanAfrican, 6), (Polish, 6)],
        NameMix.Wales => [(Welsh, 70), (British, 25), (BritishSouthAsian, 5)],
        NameMix.Scotland => [(Scottish, 75), (British, 15), (BritishSouthAsian, 6), (Polish, 4)],
        NameMix.NorthernIreland => [(NorthernIrish, 85), (British, 10), (Polish, 5)],
    };
}
