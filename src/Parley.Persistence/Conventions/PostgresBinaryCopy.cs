using System.Buffers.Binary;
using System.Text;
using NodaTime;
using Npgsql;

namespace Parley.Persistence.Conventions;

/// <summary>
/// A <c>COPY … FROM STDIN (FORMAT BINARY)</c> written straight in PostgreSQL's binary copy format into one reused
/// buffer and sent through Npgsql's raw copy stream. <see cref="NpgsqlBinaryImporter"/> resolves a type, binds a
/// parameter and runs a write state machine per value (~9 % of the import client's CPU); this writes the bytes.
/// The caller writes exactly the COPY's columns, in its order, per row; a mismatch is refused by the server.
/// </summary>
public sealed class PostgresBinaryCopy : IAsyncDisposable
{
    private const int FlushAt = 64 * 1024;
    private const long UnixToPostgresEpochMicroseconds = 946_684_800_000_000L;
    private static readonly int PostgresEpochDayNumber = new DateOnly(2000, 1, 1).DayNumber;

    // "PGCOPY\n\377\r\n\0", then flags and header-extension length (both 0).
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly NpgsqlRawCopyStream _stream;
    private readonly short _columns;
    private byte[] _buffer = new byte[FlushAt + 4096];
    private int _length;
    private bool _completed;

    private PostgresBinaryCopy(NpgsqlRawCopyStream stream, short columns)
    {
        _stream = stream;
        _columns = columns;
        Header.CopyTo(_buffer, 0);
        _length = Header.Length;
    }

    /// <summary>Starts the COPY; <paramref name="columns"/> is how many values each row carries.</summary>
    public static async Task<PostgresBinaryCopy> BeginAsync(NpgsqlConnection connection, string copyFromStdin, short columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var stream = await connection.BeginRawBinaryCopyAsync(copyFromStdin, cancellationToken);
        return new PostgresBinaryCopy(stream, columns);
    }

    public void StartRow()
    {
        if (_length >= FlushAt)
        {
            Flush();
        }

        BinaryPrimitives.WriteInt16BigEndian(Append(2), _columns);
    }

    public void WriteNull() => BinaryPrimitives.WriteInt32BigEndian(Append(4), -1);

    public void Write(Guid value)
    {
        var span = Append(20);
        BinaryPrimitives.WriteInt32BigEndian(span, 16);
        value.TryWriteBytes(span[4..], bigEndian: true, out _);
    }

    public void Write(bool value)
    {
        var span = Append(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
    }

    public void Write(short value)
    {
        var span = Append(6);
        BinaryPrimitives.WriteInt32BigEndian(span, 2);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], value);
    }

    /// <summary>A <c>double precision</c>: its IEEE 754 bits, big-endian, as an 8-byte integer's are.</summary>
    public void Write(double value) => Write(BitConverter.DoubleToInt64Bits(value));

    public void Write(int value)
    {
        var span = Append(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    public void Write(long value)
    {
        var span = Append(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    /// <summary>A <c>timestamptz</c>: microseconds since 2000-01-01 UTC (sub-microsecond ticks truncated, as Npgsql does).</summary>
    public void Write(Instant value) => Write(value.ToUnixTimeTicks() / 10 - UnixToPostgresEpochMicroseconds);

    /// <summary>A <c>date</c>: days since 2000-01-01.</summary>
    public void Write(LocalDate value) => Write(value.ToDateOnly().DayNumber - PostgresEpochDayNumber);

    public void Write(LocalDate? value)
    {
        if (value is { } date)
        {
            Write(date);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>A <c>text</c> or <c>varchar</c> value as UTF-8; null writes SQL NULL.</summary>
    public void Write(string? value) => WriteText(value, jsonb: false);

    /// <summary>A <c>jsonb</c> value: format version 1, then the JSON text as UTF-8.</summary>
    public void WriteJsonb(string json) => WriteText(json, jsonb: true);

    /// <summary>Ends the COPY; the server has then checked and stored every row.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt16BigEndian(Append(2), -1);
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
        _completed = true;
        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            // Abandoned part-way (an exception): nothing of this COPY is kept.
            await _stream.CancelAsync();
            await _stream.DisposeAsync();
        }
    }

    private void WriteText(string? value, bool jsonb)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        var prefix = jsonb ? 5 : 4;
        var span = Reserve(prefix + Encoding.UTF8.GetMaxByteCount(value.Length));
        var bytes = Encoding.UTF8.GetBytes(value, span[prefix..]);
        BinaryPrimitives.WriteInt32BigEndian(span, bytes + prefix - 4);
        if (jsonb)
        {
            span[4] = 1;
        }

        _length += prefix + bytes;
    }

    /// <summary>Room for <paramref name="size"/> bytes at the end of the buffer, not yet counted as written.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Flush();
            if (size > _buffer.Length)
            {
                _buffer = new byte[size];
            }
        }

        return _buffer.AsSpan(_length, size);
    }

    /// <summary>Room for a fixed-size value of <paramref name="size"/> bytes, counted as written.</summary>
    private Span<byte> Append(int size)
    {
        var span = Reserve(size);
        _length += size;
        return span;
    }

    // Synchronous on purpose: a flush per 64 KiB, and an awaited write per value cost a state machine each.
    private void Flush()
    {
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }
}
