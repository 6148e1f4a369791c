using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Parley.Modules.Accounts.Domain;

/// <summary>One monthly statement of an account's history: the input the models learn repayment behaviour from.</summary>
public sealed record MonthlyStatement(LocalDate StatementDate, long AmountDueMinor, long MinimumDueMinor, long AmountPaidMinor, int DaysPastDue);

/// <summary>
/// An account's monthly statements, oldest first, one per date. Stored as one compact JSON column on the account
/// (<c>[["2026-05-15",28971,14071,3100,0],…]</c>, amounts in minor units): the history is always read and written
/// whole, so one value per account costs a tenth of one row per month on import (see ADR 0006).
/// </summary>
public sealed class StatementHistory : IEquatable<StatementHistory>
{
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    private readonly MonthlyStatement[] _months;

    // Immutable, so its JSON is written once: an import serialises it on the reading thread and the writer reuses it.
    private string? _json;

    private StatementHistory(MonthlyStatement[] months) => _months = months;

    public static StatementHistory Empty { get; } = new([]);

    public IReadOnlyList<MonthlyStatement> Months => _months;

    public int Count => _months.Length;

    public MonthlyStatement? Latest => _months.Length == 0 ? null : _months[^1];

    /// <summary>A history from statements in strictly increasing date order.</summary>
    public static StatementHistory Of(IEnumerable<MonthlyStatement> statements)
    {
        var months = statements.ToArray();
        for (var i = 1; i < months.Length; i++)
        {
            if (months[i].StatementDate <= months[i - 1].StatementDate)
            {
                throw new ArgumentException($"Statements must be oldest first, one per date; {months[i].StatementDate} follows {months[i - 1].StatementDate}.", nameof(statements));
            }
        }

        return months.Length == 0 ? Empty : new StatementHistory(months);
    }

    /// <summary>This history with a later placement's statements laid over it: a month the placement states replaces this one's.</summary>
    public StatementHistory Merge(StatementHistory restated)
    {
        ArgumentNullException.ThrowIfNull(restated);
        if (restated.Count == 0)
        {
            return this;
        }

        if (_months.Length == 0)
        {
            return restated;
        }

        var byDate = new SortedDictionary<LocalDate, MonthlyStatement>();
        foreach (var month in _months)
        {
            byDate[month.StatementDate] = month;
        }

        foreach (var month in restated._months)
        {
            byDate[month.StatementDate] = month;
        }

        return new StatementHistory([.. byDate.Values]);
    }

    public string ToJson() => _json ??= Serialise();

    private string Serialise()
    {
        var buffer = new ArrayBufferWriter<byte>(16 + (_months.Length * 40));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            Span<byte> date = stackalloc byte[10];
            foreach (var m in _months)
            {
                json.WriteStartArray();
                json.WriteStringValue(IsoDateUtf8(m.StatementDate, date));
                json.WriteNumberValue(m.AmountDueMinor);
                json.WriteNumberValue(m.MinimumDueMinor);
                json.WriteNumberValue(m.AmountPaidMinor);
                json.WriteNumberValue(m.DaysPastDue);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>yyyy-MM-dd without a pattern engine (NodaTime's ISO pattern was a third of the serialisation's cost).</summary>
    private static ReadOnlySpan<byte> IsoDateUtf8(LocalDate date, Span<byte> into)
    {
        if (date.Year is < 1 or > 9999)
        {
            return Encoding.UTF8.GetBytes(IsoDate.Format(date));
        }

        Digits(into[..4], date.Year);
        into[4] = (byte)'-';
        Digits(into[5..7], date.Month);
        into[7] = (byte)'-';
        Digits(into[8..10], date.Day);
        return into;
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    public static StatementHistory FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var months = new List<MonthlyStatement>();
        Expect(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Is(ref reader, JsonTokenType.StartArray);
            Expect(ref reader, JsonTokenType.String);
            var date = IsoDate.Parse(reader.GetString()!).GetValueOrThrow();
            var due = ReadLong(ref reader);
            var minimum = ReadLong(ref reader);
            var paid = ReadLong(ref reader);
            var daysPastDue = checked((int)ReadLong(ref reader));
            Expect(ref reader, JsonTokenType.EndArray);
            months.Add(new MonthlyStatement(date, due, minimum, paid, daysPastDue));
        }

        return Of(months);
    }

    public bool Equals(StatementHistory? other) => other is not null && _months.AsSpan().SequenceEqual(other._months);

    public override bool Equals(object? obj) => Equals(obj as StatementHistory);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var m in _months)
        {
            hash.Add(m);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} statements");

    private static long ReadLong(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.Number);
        return reader.GetInt64();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new FormatException("The statement history ends early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        Next(ref reader);
        Is(ref reader, type);
    }

    private static void Is(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new FormatException($"The statement history has {reader.TokenType} where {type} belongs.");
        }
    }
}
