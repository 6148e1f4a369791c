using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;
using Parley.SharedKernel;

namespace Parley.Persistence.Conventions;

public sealed class CurrencyConverter() : ValueConverter<Currency, string>(c => c.Code, s => Currency.FromCode(s));

public sealed class JurisdictionConverter() : ValueConverter<Jurisdiction, string>(j => j.Code, s => Jurisdiction.Parse(s));

public sealed class InstantTicksConverter() : ValueConverter<Instant, long>(i => i.ToUnixTimeTicks(), t => Instant.FromUnixTimeTicks(t));

public sealed class LocalDateIsoConverter() : ValueConverter<LocalDate, string>(
    d => LocalDatePattern.Iso.Format(d),
    s => LocalDatePattern.Iso.Parse(s).Value);

public sealed class StronglyTypedIdConverter<TId>() : ValueConverter<TId, Guid>(id => id.Value, g => Create(g))
    where TId : struct, IStronglyTypedId<TId>
{
    // Expression trees cannot call static abstract members directly.
    private static TId Create(Guid value) => TId.From(value);
}

/// <summary>Formats values exactly as the SQLite provider stores them, for bulk paths that bypass EF.</summary>
public static class SqliteStorageFormat
{
    public static string Guid(Guid value) => value.ToString().ToUpperInvariant();

    public static long Instant(Instant value) => value.ToUnixTimeTicks();

    public static string Date(LocalDate value) => LocalDatePattern.Iso.Format(value);
}
