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

    public static PropertyBuilder<T> IsEncrypted<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(Annotation, true).HasMaxLength(StoredLength);

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
        new(d => Protect(cipher, d), s => LocalDatePattern.Iso.Parse(cipher.Decrypt(s)).GetValueOrThrow());

    private static ValueConverter<string, string> Text(FieldCipher cipher) =>
        new(t => cipher.Encrypt(t), s => cipher.Decrypt(s));
}
