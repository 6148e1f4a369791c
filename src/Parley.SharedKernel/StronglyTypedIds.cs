using System.Diagnostics.CodeAnalysis;

namespace Parley.SharedKernel;

/// <summary>Implemented by every strongly typed id: a version-7 GUID with a distinct type.</summary>
public interface IStronglyTypedId<TSelf> : IParsable<TSelf>
    where TSelf : struct, IStronglyTypedId<TSelf>
{
    Guid Value { get; }

    static abstract TSelf From(Guid value);

    static TSelf IParsable<TSelf>.Parse(string s, IFormatProvider? provider) => TSelf.From(Guid.Parse(s, provider));

    static bool IParsable<TSelf>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TSelf result)
    {
        var ok = Guid.TryParse(s, provider, out var value);
        result = ok ? TSelf.From(value) : default;
        return ok;
    }
}

/// <summary>Creates new ids; version 7 keeps them roughly time-ordered, which keeps B-tree inserts cheap.</summary>
public static class NewId
{
    private const int RandomBytesPerId = 10;

    // Guid.CreateVersion7 asks the kernel for 16 random bytes on every call (~4 µs here); an import makes millions of
    // ids, so each thread draws its random bits from a 4 KiB block of the same cryptographic generator instead.
    [ThreadStatic]
    private static byte[]? _random;

    [ThreadStatic]
    private static int _used;

    /// <summary>An RFC 9562 version-7 GUID: 48 bits of Unix milliseconds, then 74 random bits.</summary>
    public static Guid Next()
    {
        var random = _random ??= new byte[4096];
        if (_used == 0 || _used + RandomBytesPerId > random.Length)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(random);
            _used = 0;
        }

        var milliseconds = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        random.AsSpan(_used, RandomBytesPerId).CopyTo(bytes[6..]);
        random.AsSpan(_used, RandomBytesPerId).Clear();
        _used += RandomBytesPerId;
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}

public readonly record struct CreditorId(Guid Value) : IStronglyTypedId<CreditorId>
{
    public static CreditorId New() => new(NewId.Next());
    public static CreditorId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out CreditorId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

public readonly record struct CustomerId(Guid Value) : IStronglyTypedId<CustomerId>
{
    public static CustomerId New() => new(NewId.Next());
    public static CustomerId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out CustomerId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

public readonly record struct AccountId(Guid Value) : IStronglyTypedId<AccountId>
{
    public static AccountId New() => new(NewId.Next());
    public static AccountId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out AccountId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

public readonly record struct HoldId(Guid Value) : IStronglyTypedId<HoldId>
{
    public static HoldId New() => new(NewId.Next());
    public static HoldId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out HoldId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

public readonly record struct LedgerEntryId(Guid Value) : IStronglyTypedId<LedgerEntryId>
{
    public static LedgerEntryId New() => new(NewId.Next());
    public static LedgerEntryId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out LedgerEntryId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

public readonly record struct ImportId(Guid Value) : IStronglyTypedId<ImportId>
{
    public static ImportId New() => new(NewId.Next());
    public static ImportId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out ImportId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

public readonly record struct ModelVersionId(Guid Value) : IStronglyTypedId<ModelVersionId>
{
    public static ModelVersionId New() => new(NewId.Next());
    public static ModelVersionId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out ModelVersionId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

public readonly record struct AccountScoreId(Guid Value) : IStronglyTypedId<AccountScoreId>
{
    public static AccountScoreId New() => new(NewId.Next());
    public static AccountScoreId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out AccountScoreId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

/// <summary>The one parsing routine every id's public TryParse (used by minimal-API route binding) forwards to.</summary>
public static class ParseId
{
    public static bool Try<TId>(string? s, out TId result)
        where TId : struct, IStronglyTypedId<TId>
    {
        var ok = Guid.TryParse(s, out var value);
        result = ok ? TId.From(value) : default;
        return ok;
    }
}
