using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence.Conventions;
using Parley.Persistence.Protection;
using Parley.SharedKernel;
using Parley.Testing;
using Shouldly;

namespace Parley.Persistence.Tests;

public sealed class FieldEncryptionTests
{
    private static readonly byte[] KeyA = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] KeyB = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void A_value_round_trips_and_never_encrypts_the_same_way_twice()
    {
        var cipher = new FieldCipher(KeyA);

        var first = cipher.Encrypt("1985-12-10");
        var second = cipher.Encrypt("1985-12-10");

        first.ShouldNotBe(second);
        first.ShouldStartWith(cipher.KeyId + ":");
        first.ShouldNotContain("1985");
        cipher.Decrypt(first).ShouldBe("1985-12-10");
        cipher.Decrypt(second).ShouldBe("1985-12-10");
    }

    [Fact]
    public void Two_keys_used_in_turn_on_one_thread_each_seal_with_their_own_key_including_longValueand_non_ascii_values()
    {
        var a = new FieldCipher(KeyA);
        var b = new FieldCipher(KeyB);
        var longValue = new string('é', 700);

        var fromA = a.Encrypt("1985-12-10");
        var fromB = b.Encrypt("Zoë Ångström");
        var longFromA = a.Encrypt(longValue);

        fromA.ShouldStartWith(a.KeyId + ":");
        fromB.ShouldStartWith(b.KeyId + ":");
        a.Decrypt(fromA).ShouldBe("1985-12-10");
        b.Decrypt(fromB).ShouldBe("Zoë Ångström");
        a.Decrypt(longFromA).ShouldBe(longValue);
        a.Decrypt(a.Encrypt("")).ShouldBe("");
        Should.Throw<CryptographicException>(() => a.Decrypt(fromB));
    }

    [Fact]
    public void A_tampered_value_or_an_unknown_key_is_refused()
    {
        var cipher = new FieldCipher(KeyA);
        var stored = cipher.Encrypt("1985-12-10");
        var bytes = Convert.FromBase64String(stored[(cipher.KeyId.Length + 1)..]);
        bytes[^1] ^= 1;

        Should.Throw<CryptographicException>(() => cipher.Decrypt(cipher.KeyId + ":" + Convert.ToBase64String(bytes)));
        Should.Throw<CryptographicException>(() => new FieldCipher(KeyB).Decrypt(stored)).Message.ShouldContain(cipher.KeyId);
    }

    [Fact]
    public void After_rotation_new_values_use_the_new_key_and_old_ones_still_decrypt()
    {
        var old = new FieldCipher(KeyA).Encrypt("1970-01-01");
        var rotated = new FieldCipher(KeyB, [KeyA]);

        rotated.Decrypt(old).ShouldBe("1970-01-01");
        rotated.Encrypt("1970-01-01").ShouldStartWith(new FieldCipher(KeyB).KeyId + ":");
    }

    [Fact]
    public void Without_a_configured_key_one_is_generated_once_in_the_data_folder()
    {
        var folder = Directory.CreateTempSubdirectory("parley-key-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataFolder"] = folder }).Build();

            var first = FieldCipher.FromConfiguration(configuration);
            var again = FieldCipher.FromConfiguration(configuration);

            again.KeyId.ShouldBe(first.KeyId);
            again.Decrypt(first.Encrypt("x")).ShouldBe("x");
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(Path.Combine(folder, "field-encryption.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_configured_key_that_is_not_32_bytes_of_base64_is_a_clear_start_up_error()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Parley:FieldEncryption:Key"] = "c2hvcnQ=" }).Build();

        Should.Throw<InvalidOperationException>(() => FieldCipher.FromConfiguration(configuration)).Message.ShouldContain("32 bytes");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_date_of_birth_is_stored_encrypted_and_read_back_in_clear(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var creditor = new Creditor("ENC-TEST", "Encryption Test", Currency.USD, new CreditorPolicy(Parley.Modules.Payments.Contracts.AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 30m));
        var customer = new Customer(creditor.Id, "C-1", new PersonName("Ada", "Lovelace"), new LocalDate(1985, 12, 10), "en");
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            db.AddRange(creditor, customer);
            await db.SaveChangesAsync();
        }

        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var stored = await db.Database.SqlQueryRaw<string>("SELECT \"DateOfBirth\" AS \"Value\" FROM accounts_customers").SingleAsync();
            stored.ShouldNotContain("1985");
            db.Cipher.Decrypt(stored).ShouldBe("1985-12-10");
            (await db.Set<Customer>().SingleAsync()).DateOfBirth.ShouldBe(new LocalDate(1985, 12, 10));
        }
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_bulk_writer_writes_a_date_of_birth_sealed_before_it_as_given_and_seals_the_others_itself(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var creditor = new Creditor("ENC-BULK", "Bulk", Currency.USD, new CreditorPolicy(Parley.Modules.Payments.Contracts.AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 30m));
        var sealedBefore = new Customer(creditor.Id, "C-BEFORE", new PersonName("Ada", "Lovelace"), new LocalDate(1985, 12, 10), "en");
        var sealedByWriter = new Customer(creditor.Id, "C-WRITER", new PersonName("Grace", "Hopper"), new LocalDate(1906, 12, 9), "en");
        string given;
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            db.Add(creditor);
            await db.SaveChangesAsync();

            // As the import does on its reading thread: the model's own converter, run before the writer.
            given = BulkTable<Customer>.Of(db).StoredText<LocalDate>(nameof(Customer.DateOfBirth))(new LocalDate(1985, 12, 10));
            var stored = new StoredForms<Customer>(nameof(Customer.DateOfBirth));
            stored.Set(sealedBefore, given);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkWriter.For(db).InsertAsync([sealedBefore, sealedByWriter], stored, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var rows = await db.Database.SqlQueryRaw<StoredDate>("SELECT \"CustomerReference\" AS \"Reference\", \"DateOfBirth\" AS \"Value\" FROM accounts_customers").ToListAsync();
            rows.Single(r => r.Reference == "C-BEFORE").Value.ShouldBe(given);
            var sealedThere = rows.Single(r => r.Reference == "C-WRITER").Value;
            sealedThere.ShouldStartWith(db.Cipher.KeyId + ":");
            db.Cipher.Decrypt(sealedThere).ShouldBe("1906-12-09");
            given.ShouldStartWith(db.Cipher.KeyId + ":");
            var read = await db.Set<Customer>().ToDictionaryAsync(c => c.CustomerReference, c => c.DateOfBirth);
            read["C-BEFORE"].ShouldBe(new LocalDate(1985, 12, 10));
            read["C-WRITER"].ShouldBe(new LocalDate(1906, 12, 9));
        }
    }

    [Fact]
    public async Task A_stored_form_is_refused_for_a_property_that_is_not_stored_as_converted_text()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = database.Scope();
        var table = BulkTable<Customer>.Of(scope.ServiceProvider.GetRequiredService<ParleyDbContext>());

        Should.Throw<NotSupportedException>(() => table.StoredText<string>(nameof(Customer.GivenName))).Message.ShouldContain("GivenName");
    }

    private sealed record StoredDate(string Reference, string Value);

    [Theory]
    [DatabaseProviders]
    public async Task Dates_of_birth_stored_before_encryption_read_as_they_were_and_are_sealed_by_the_migrator(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var creditor = new Creditor("ENC-OLD", "Legacy", Currency.USD, new CreditorPolicy(Parley.Modules.Payments.Contracts.AllocationWaterfall.Default, Money.Of(25m, Currency.USD), 0m, 30m));
        var customer = new Customer(creditor.Id, "C-OLD", new PersonName("Grace", "Hopper"), new LocalDate(1906, 12, 9), "en");
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            db.AddRange(creditor, customer);
            await db.SaveChangesAsync();
            // As an install from before the column was encrypted left it.
            await db.Database.ExecuteSqlRawAsync("UPDATE accounts_customers SET \"DateOfBirth\" = '1906-12-09'");
        }

        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            (await db.Set<Customer>().SingleAsync()).DateOfBirth.ShouldBe(new LocalDate(1906, 12, 9));

            await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);

            var stored = await db.Database.SqlQueryRaw<string>("SELECT \"DateOfBirth\" AS \"Value\" FROM accounts_customers").SingleAsync();
            stored.ShouldStartWith(db.Cipher.KeyId + ":");
            db.ChangeTracker.Clear();
            (await db.Set<Customer>().SingleAsync()).DateOfBirth.ShouldBe(new LocalDate(1906, 12, 9));
        }
    }
}
