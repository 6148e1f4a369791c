using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Templates;
using Parley.Modules.Payments.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Outreach.Tests.Templates;

/// <summary>
/// What the renderer writes for a few made accounts, byte for byte, against the output recorded before the facts were
/// read set-based (Templates/RenderedMessages.golden.txt): a Reg F validation notice by e-mail and letter, a Spanish
/// reminder, for an account with a charge-off and a payment, one with statements only, a UK one without statements and
/// one without an address; by the batch path and the one-account path.
/// </summary>
public sealed class RenderedMessagesGoldenTests
{
    private static readonly Instant At = Instant.FromUtc(2030, 3, 15, 15, 0);

    private static readonly TemplateKey[] Keys =
    [
        new(MessagePurpose.ValidationNotice, ContactChannel.Email, "en", MessageTone.Neutral),
        new(MessagePurpose.ValidationNotice, ContactChannel.Letter, "en", MessageTone.Neutral),
        new(MessagePurpose.ValidationNotice, ContactChannel.Email, "es", MessageTone.Supportive),
        new(MessagePurpose.Reminder, ContactChannel.Email, "es", MessageTone.Direct),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string GoldenPath => Path.Combine(AppContext.BaseDirectory, "Templates", "RenderedMessages.golden.txt");

    [Theory]
    [DatabaseProviders]
    public async Task The_batch_and_single_renders_are_byte_identical_to_the_recorded_messages(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accounts = await AccountsAsync(database);
        await using (var scope = database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IUseCase<InstallDefaultTemplatesRequest, int>>().HandleAsync(Actor.System("test"), new InstallDefaultTemplatesRequest(), Ct);
        }

        var items = accounts.SelectMany(a => Keys.Select(k => (Key: k, Account: a.Id, a.Reference))).ToList();
        var batch = new StringBuilder();
        await using (var scope = database.Scope())
        {
            var renderer = (IBatchMessageRenderer)scope.ServiceProvider.GetRequiredService<IMessageRenderer>();
            var rendered = await renderer.RenderManyAsync([.. items.Select(i => (i.Key, i.Account))], At, Ct);
            for (var i = 0; i < items.Count; i++)
            {
                Write(batch, items[i].Reference, items[i].Key, rendered[i].Message, rendered[i].Error?.Detail);
            }
        }

        var single = new StringBuilder();
        foreach (var (key, account, reference) in items)
        {
            await using var scope = database.Scope();
            var renderer = scope.ServiceProvider.GetRequiredService<IMessageRenderer>();
            try
            {
                Write(single, reference, key, await renderer.RenderAsync(key, account, At, Ct), null);
            }
            catch (DomainException e)
            {
                Write(single, reference, key, null, e.Error.Detail);
            }
        }

        if (Environment.GetEnvironmentVariable("PARLEY_RECORD_GOLDEN") is { Length: > 0 } record)
        {
            // Re-recording is deliberate: the file is then reviewed and committed.
            await File.WriteAllTextAsync(record, batch.ToString(), Ct);
        }

        var golden = await File.ReadAllTextAsync(GoldenPath, Ct);
        batch.ToString().ShouldBe(golden);
        single.ToString().ShouldBe(golden);
    }

    private static void Write(StringBuilder to, string reference, TemplateKey key, RenderedMessage? message, string? error)
    {
        to.Append("=== ").Append(reference).Append(' ').Append(key).Append('\n');
        if (message is null)
        {
            to.Append("error: ").Append(error).Append('\n');
            return;
        }

        to.Append("template: ").Append(message.TemplateName).Append(" v").Append(message.TemplateVersion).Append('\n');
        to.Append("disclosures: ").Append(string.Join(", ", message.Disclosures)).Append('\n');
        to.Append("subject: ").Append(message.Subject).Append('\n');
        to.Append("--- text\n").Append(message.Text).Append('\n');
        to.Append("--- html\n").Append(message.Html).Append('\n');
    }

    /// <summary>Four accounts whose facts differ in every way the renderer reads.</summary>
    private static async Task<List<(AccountId Id, string Reference)>> AccountsAsync(TestDatabase database)
    {
        var made = new List<(AccountId, string)>();
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var acme = OutreachTestData.Creditor("ACME");
            var brit = new Creditor("BRIT", "Brit Card", Currency.GBP, new CreditorPolicy(AllocationWaterfall.Default, Money.Of(25m, Currency.GBP), 0m, 30m));
            db.AddRange(acme, brit);

            // Pennsylvania: charged off, two statements, a payment since.
            var jane = new Customer(acme.Id, "C-G-1", new PersonName("Jane", "Doe"), new LocalDate(1980, 5, 17), "en-US");
            jane.AddAddress(new PostalAddress("1 Main St", null, "Philadelphia", "19103", Jurisdiction.Parse("US-PA"), "America/New_York"));
            var charged = new Account(acme.Id, jane.Id, "G-1",
                new AccountTerms(Currency.USD, ProductType.CreditCard, "First Card Co", new LocalDate(2026, 6, 30), null, 120, null, AccountStatus.Open),
                Instant.FromUtc(2026, 10, 1, 12, 0));
            charged.RecordStatements(StatementHistory.Of([new MonthlyStatement(new LocalDate(2026, 5, 31), 900_00, 25_00, 0, 90), new MonthlyStatement(new LocalDate(2026, 6, 30), 950_00, 30_00, 0, 120)]));

            // California: statements, no charge-off (the last statement itemizes), nothing paid.
            var carmen = new Customer(acme.Id, "C-G-2", new PersonName("Carmen", "Ruiz"), null, "es-US");
            carmen.AddAddress(new PostalAddress("9 Palm Ave", "Apt 4", "Los Angeles", "90001", Jurisdiction.Parse("US-CA"), "America/Los_Angeles"));
            carmen.AddAddress(new PostalAddress("2 Other Rd", null, "Fresno", "93650", Jurisdiction.Parse("US-CA"), "America/Los_Angeles"));
            var statements = new Account(acme.Id, carmen.Id, "G-2",
                new AccountTerms(Currency.USD, ProductType.PersonalLoan, "Sun Loans", null, new LocalDate(2026, 4, 2), 60, null, AccountStatus.Open),
                Instant.FromUtc(2026, 9, 15, 8, 0));
            statements.RecordStatements(StatementHistory.Of([new MonthlyStatement(new LocalDate(2026, 7, 31), 1_234_56, 40_00, 0, 60), new MonthlyStatement(new LocalDate(2026, 8, 31), 1_300_10, 45_00, 0, 90)]));

            // England: no statements (placement itemizes, in London's date), pounds.
            var mary = new Customer(brit.Id, "C-G-3", new PersonName("Mary", "Smith"), null, "en-GB");
            mary.AddAddress(new PostalAddress("3 High St", null, "London", "N1 9GU", Jurisdiction.Parse("GB-ENG"), "Europe/London"));
            var british = new Account(brit.Id, mary.Id, "G-3",
                new AccountTerms(Currency.GBP, ProductType.CreditCard, "Brit Card", null, null, 200, null, AccountStatus.Open),
                Instant.FromUtc(2026, 3, 31, 23, 30));

            // No address on file: UTC and no jurisdiction.
            var nobody = new Customer(acme.Id, "C-G-4", new PersonName("Pat", "Lee"), null, "en");
            var homeless = new Account(acme.Id, nobody.Id, "G-4",
                new AccountTerms(Currency.USD, ProductType.CreditCard, "First Card Co", null, null, 30, null, AccountStatus.Open),
                Instant.FromUtc(2026, 11, 30, 23, 59));
            db.AddRange(jane, carmen, mary, nobody, charged, statements, british, homeless);
            await db.SaveChangesAsync(Ct);
            var placed = Instant.FromUtc(2026, 10, 1, 12, 0);
            await scope.ServiceProvider.GetRequiredService<ILedgerPlacements>().ApplyAsync(
            [
                new PlacementBalance(charged.Id, Currency.USD, AllocationWaterfall.Default, 800_00, 150_00, 50_00, placed, "placement-G-1"),
                new PlacementBalance(statements.Id, Currency.USD, AllocationWaterfall.Default, 1_200_00, 80_10, 20_00, placed, "placement-G-2"),
                new PlacementBalance(british.Id, Currency.GBP, AllocationWaterfall.Default, 700_00, 12_34, 0, placed, "placement-G-3"),
                new PlacementBalance(homeless.Id, Currency.USD, AllocationWaterfall.Default, 99_99, 0, 0, placed, "placement-G-4"),
            ], Ct);
            made.AddRange([(charged.Id, "G-1"), (statements.Id, "G-2"), (british.Id, "G-3"), (homeless.Id, "G-4")]);
        }

        await using (var scope = database.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IUseCase<RecordPaymentRequest, PaymentResponse>>()
                .HandleAsync(Staff.Agent, new RecordPaymentRequest(made[0].Item1, "pay-G-1", 100m, "USD", PaymentMethod.Card), Ct);
        }

        return made;
    }
}
