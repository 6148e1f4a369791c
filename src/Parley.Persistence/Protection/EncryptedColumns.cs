using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;

namespace Parley.Persistence.Protection;

/// <summary>Marks a sensitive property to be stored encrypted; the context gives it the configured cipher's converter.</summary>
public static class EncryptedColumns
{
    private const string Annotation = "Parley:Encrypted";

    /// <summary>Longest stored form of a value of up to 40 UTF-8 bytes: key id, colon, base64 of nonce + bytes + tag.</summary>
    public const int StoredLength = 8 + 1 + ((12 + 40 + 16 + 2) / 3 * 4);

    /// <summary>Stores the property encrypted, in a column long enough for <paramref name="maxPlaintextBytes"/> UTF-8 bytes of value.</summary>
    public static PropertyBuilder<T> IsEncrypted<T>(this PropertyBuilder<T> property, int maxPlaintextBytes = 40) =>
        property.HasAnnotation(Annotation, true).HasMaxLength(StoredLengthFor(maxPlaintextBytes));

    /// <summary>Longest stored form of a value of up to <paramref name="plaintextBytes"/> UTF-8 bytes.</summary>
    public static int StoredLengthFor(int plaintextBytes) => 8 + 1 + ((12 + plaintextBytes + 16 + 2) / 3 * 4);

    internal static void Apply(ModelBuilder builder, FieldCipher cipher)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.FindAnnotation(Annotation) is not null))
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            property.SetValueConverter(type == typeof(LocalDate) ? Dates(cipher)
                : type == typeof(string) ? Text(cipher)
                : throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name}: no encrypted form for {type.Name}."));
        }
    }

    /// <summary>A date as its encrypted ISO text; the bulk import writes it the same way.</summary>
    public static string Protect(FieldCipher cipher, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        return cipher.Encrypt(LocalDatePattern.Iso.Format(date));
    }

    private static ValueConverter<LocalDate, string> Dates(FieldCipher cipher) =>
        new(d => Protect(cipher, d), s => LocalDatePattern.Iso.Parse(IsPlaintext(s) ? s : cipher.Decrypt(s)).GetValueOrThrow());

    /// <summary>A value written before its column was encrypted (no <c>key id:</c> prefix); <see cref="EncryptPlaintextAsync"/> seals it.</summary>
    private static bool IsPlaintext(string stored) => !stored.Contains(':', StringComparison.Ordinal);

    /// <summary>
    /// Encrypts values a column held before it became encrypted, so no plaintext stays at rest after an upgrade.
    /// Runs after migrations; a no-op once every value carries a key id.
    /// </summary>
    public static async Task<int> EncryptPlaintextAsync(ParleyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sealedCount = 0;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            var key = entity.FindPrimaryKey()?.Properties;
            if (table is null || key is not { Count: 1 })
            {
                continue;
            }

            var keyColumn = key[0].GetColumnName();
            foreach (var property in entity.GetProperties().Where(p => p.FindAnnotation(Annotation) is not null))
            {
                // Identifiers come from the model, never from input; values go as parameters.
                var column = property.GetColumnName();
                var select = $"SELECT CAST(\"{keyColumn}\" AS TEXT) AS \"Key\", \"{column}\" AS \"Value\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL AND \"{column}\" NOT LIKE '%:%'";
                var update = $"UPDATE \"{table}\" SET \"{column}\" = {{0}} WHERE \"{keyColumn}\" = {{1}} AND \"{column}\" = {{2}}";
                var plaintext = await db.Database.SqlQueryRaw<PlaintextRow>(select).ToListAsync(cancellationToken);
                foreach (var row in plaintext)
                {
                    var keyValue = db.Provider == DatabaseProvider.Postgres ? (object)Guid.Parse(row.Key) : row.Key;
                    sealedCount += await db.Database.ExecuteSqlRawAsync(update, [db.Cipher.Encrypt(row.Value), keyValue, row.Value], cancellationToken);
                }
            }
        }

        return sealedCount;
    }

    private sealed record PlaintextRow(string Key, string Value);

    private static ValueConverter<string, string> Text(FieldCipher cipher) =>
        new(t => cipher.Encrypt(t), s => cipher.Decrypt(s));
}
