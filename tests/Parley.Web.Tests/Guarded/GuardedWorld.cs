using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Creditors;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Accounts.Import;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;

namespace Parley.Web.Tests.Guarded;

/// <summary>
/// A use case that changes data, driven through both front doors: the HTTP endpoint and the path every page takes
/// (<see cref="Parley.Web.Ui.Shared.UseCaseRunner"/>: the contract, run as the signed-in actor).
/// </summary>
/// <param name="Arrange">Makes what the use case acts on (as an admin) and returns its ids.</param>
/// <param name="Http">The endpoint request a member of staff would send.</param>
/// <param name="ThroughPage">What the page does: the contract's request, run with the page's actor.</param>
public sealed record GuardedUseCase<TArranged>(
    string Name,
    IReadOnlyList<string> AllowedRoles,
    Func<GuardedWorld, Task<TArranged>> Arrange,
    Func<TArranged, HttpRequestMessage> Http,
    Func<TArranged, IServiceScopeFactory, Actor, Task> ThroughPage);

/// <summary>
/// Two creditors, five accounts (three in Boston for Acme, two in London for Brit) on the real host, and the proof
/// that a wrong role is refused by the use case itself — through HTTP and through the page path — with nothing changed.
/// </summary>
public sealed class GuardedWorld : IAsyncDisposable
{
    private const string Header =
        "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,"
        + "mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,"
        + "principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements";

    private static readonly string[] Rows =
    [
        "ACME-CARD,C-1,Ada,Lovelace,1985-12-10,en-US,1 Main St,,Boston,02110,US-MA,,,,,,,,,ADA-1,credit_card,,USD,1000.00,,,,,45,,open,",
        "ACME-CARD,C-2,Grace,Hopper,1980-01-01,en-US,2 Main St,,Boston,02110,US-MA,,,,,,,,,GRACE-1,credit_card,,USD,500.00,50.00,,,,10,,open,",
        "ACME-CARD,C-3,Alan,Turing,1970-06-23,en-US,3 Main St,,Boston,02110,US-MA,,,,,,,,,ALAN-1,credit_card,,USD,200.00,,,2026-06-30,,200,,open,",
        "BRIT-CARD,U-1,Mary,Somerville,1975-12-26,en-GB,4 High St,,London,SW1A 2AA,GB-ENG,,,,,,,,,MARY-1,personal_loan,,GBP,300.00,,,,,45,,open,",
        "BRIT-CARD,U-2,Ken,Thompson,1983-02-04,en-GB,5 High St,,London,SW1A 2AA,GB-ENG,,,,,,,,,KEN-1,utility,,GBP,120.00,,,,,45,,open,",
    ];

    private GuardedWorld(ParleyWebFactory factory, IReadOnlyDictionary<string, AccountId> accounts, IReadOnlyDictionary<string, CreditorId> creditors)
    {
        Factory = factory;
        Accounts = accounts;
        Creditors = creditors;
    }

    public ParleyWebFactory Factory { get; }

    /// <summary>Account ids by creditor reference (ADA-1, GRACE-1, ALAN-1, MARY-1, KEN-1).</summary>
    public IReadOnlyDictionary<string, AccountId> Accounts { get; }

    /// <summary>Creditor ids by code (ACME-CARD, BRIT-CARD).</summary>
    public IReadOnlyDictionary<string, CreditorId> Creditors { get; }

    public IServiceScopeFactory Scopes => Factory.Services.GetRequiredService<IServiceScopeFactory>();

    /// <summary>An admin working for every creditor, for arranging what a case acts on.</summary>
    public static Actor Admin { get; } = Staff.Acting("admin@parley", StaffRoles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<GuardedWorld> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var factory = await ParleyWebFactory.CreateAsync(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        var creditors = scope.ServiceProvider.GetRequiredService<CreateCreditor.Handler>();
        await creditors.HandleAsync(new CreateCreditor.Request("ACME-CARD", "Acme Card Services", "USD"), Ct);
        await creditors.HandleAsync(new CreateCreditor.Request("BRIT-CARD", "Brit Card plc", "GBP"), Ct);
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. Rows]) + "\r\n"));
        var run = await scope.ServiceProvider.GetRequiredService<PlacementImporter>().ImportAsync(new PlacementImportRequest(file, "guarded.csv", DryRun: false), Ct);
        (run.RowsAccepted, run.RowsRejected).ShouldBe((5L, 0L));
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var accounts = await db.Set<Account>().ToDictionaryAsync(a => a.CreditorReference, a => a.Id, Ct);
        var creditorIds = await db.Set<Creditor>().ToDictionaryAsync(c => c.Code, c => c.Id, Ct);
        return new GuardedWorld(factory, accounts, creditorIds);
    }

    /// <summary>
    /// For every staff role the use case does not allow (and a user with no role): the endpoint answers 403, the page
    /// path is refused as forbidden by the use case itself, and the database is exactly as it was. Then a member of
    /// staff with an allowed role does it through the page path, so the refusals were about the role and nothing else.
    /// </summary>
    public async Task ProveWrongRolesAreRefusedAsync<TArranged>(GuardedUseCase<TArranged> useCase)
    {
        var arranged = await useCase.Arrange(this);
        string[][] wrongRoles = [.. StaffRoles.All.Where(r => !useCase.AllowedRoles.Contains(r)).Select(r => new[] { r }), []];
        foreach (var roles in wrongRoles)
        {
            var who = roles.Length == 0 ? "staff with no role" : roles[0];
            var before = await SnapshotAsync();

            using var client = Factory.ClientAsUser($"{who}@parley", roles);
            using var request = useCase.Http(arranged);
            using var response = await client.SendAsync(request, Ct);
            response.StatusCode.ShouldBe(roles.Length == 0 ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, $"{useCase.Name} over HTTP as {who}: {await response.Content.ReadAsStringAsync(Ct)}");

            var actor = Staff.Acting($"{who}@parley", roles);
            var refused = await Should.ThrowAsync<DomainException>(() => useCase.ThroughPage(arranged, Scopes, actor), $"{useCase.Name} through the page as {who}");
            refused.Error.Kind.ShouldBe(ErrorKind.Forbidden, $"{useCase.Name} through the page as {who}: {refused.Error.Code}");

            (await SnapshotAsync()).ShouldBe(before, $"{useCase.Name} as {who} changed data although it was refused");
        }

        var allowed = Staff.Acting("allowed@parley", useCase.AllowedRoles[0]);
        var unchanged = await SnapshotAsync();
        await useCase.ThroughPage(arranged, Scopes, allowed);
        (await SnapshotAsync()).ShouldNotBe(unchanged, $"{useCase.Name} as {useCase.AllowedRoles[0]} changed nothing: the refusals above proved nothing");
    }

    /// <summary>Every stored row of every entity, as text: "nothing changed" means nothing anywhere.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var text = new StringBuilder();
        foreach (var entityType in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.FindPrimaryKey() is not null && t.ClrType != typeof(Dictionary<string, object>) && t.BaseType is null).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var rows = await (Task<List<object>>)LoadAll.MakeGenericMethod(entityType.ClrType).Invoke(null, [db])!;
            var lines = rows.Select(row => string.Join("|", db.Entry(row).Properties.Select(p => $"{p.Metadata.Name}={Format(p.CurrentValue)}"))).Order(StringComparer.Ordinal);
            text.Append(entityType.Name).Append('\n').AppendJoin('\n', lines).Append('\n');
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();

    private static readonly MethodInfo LoadAll = typeof(GuardedWorld).GetMethod(nameof(LoadAllAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static async Task<List<object>> LoadAllAsync<T>(ParleyDbContext db)
        where T : class => [.. await db.Set<T>().AsNoTracking().ToListAsync(Ct)];

    private static string Format(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        _ => value.ToString() ?? "",
    };
}
