using System.Security.Cryptography;
using System.Text.Unicode;
using CsvHelper;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.Import;

/// <summary>One CSV record: its fields (and which of them are not valid UTF-8), or why the record cannot be read.</summary>
internal sealed record RawRecord(long RowNumber, string[] Fields, string? Problem, IReadOnlyList<int> InvalidUtf8Fields);

/// <summary>
/// Streams a placement file record by record (never the whole file in memory) with CsvHelper's UTF-8 reader,
/// checking the header, UTF-8 and RFC 4180 quoting. Row numbers are the line a record starts on, so the header
/// is row 1 and they match a spreadsheet's row numbers. Line breaks inside quoted fields are refused: one
/// unbalanced quote then costs one row instead of swallowing the rest of the file.
/// </summary>
internal sealed class PlacementFileReader : IDisposable
{
    // Far longer than any legitimate record (a long statements history is a few KB).
    private const int MaxRecordBytes = 1024 * 1024;

    private readonly HashingStream _stream;
    private readonly CsvReader _csv;
    private readonly Queue<CsvMalformedRecord> _malformed = new();
    private RawRecord? _held;

    // How many columns the header has: the 32 core ones, or with the contact-history ones too.
    private int _width = PlacementColumns.CoreCount;

    public PlacementFileReader(Stream stream)
    {
        _stream = new HashingStream(stream);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MaxRecordSize = MaxRecordBytes,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => _malformed.Enqueue(record),
        };
        _csv = CsvReader.Create(_stream, options, leaveOpen: true);
    }

    /// <summary>Bytes consumed from the stream so far (for progress bars).</summary>
    public long BytesRead => _stream.BytesRead;

    /// <summary>Checks the header row; throws a named refusal when the file cannot be a placement file.</summary>
    public void ReadHeader()
    {
        var header = ReadRecord(header: true) ?? throw new DomainException(new PlacementFileEmpty());
        if (_malformed.Count > 0 && _malformed.Peek().LineNumber == 1)
        {
            throw new DomainException(new PlacementHeaderWrong($"The header row has broken quoting. It must be exactly: {PlacementColumns.Header}"));
        }

        if (header.InvalidUtf8Fields.Count > 0)
        {
            throw new DomainException(new PlacementFileNotUtf8());
        }

        var names = header.Fields.Select(h => h.Trim()).ToArray();
        names[0] = names[0].TrimStart('\uFEFF');
        if ((names.Length == PlacementColumns.CoreCount || names.Length == PlacementColumns.Count)
            && names.SequenceEqual(PlacementColumns.Names.Take(names.Length), StringComparer.Ordinal))
        {
            _width = names.Length;
            return;
        }

        var firstDifference = Enumerable.Range(0, Math.Min(names.Length, PlacementColumns.Count)).FirstOrDefault(i => names[i] != PlacementColumns.Names[i], -1);
        var detail = firstDifference >= 0
            ? $"column {firstDifference + 1} is '{Clip(names[firstDifference])}' where '{PlacementColumns.Names[firstDifference]}' was expected"
            : $"it has {names.Length} columns; {PlacementColumns.CoreCount} are expected, or {PlacementColumns.Count} with the contact history";
        throw new DomainException(new PlacementHeaderWrong(
            $"The header row is wrong: {detail}. It must be exactly: {PlacementColumns.Header} (optionally followed by ,{string.Join(',', PlacementColumns.Names.Skip(PlacementColumns.CoreCount))})"));
    }

    /// <summary>The next record (skipped malformed ones included, as problems), or null at the end of the file.</summary>
    public RawRecord? Next()
    {
        var record = _held ?? ReadRecord();
        _held = null;
        // The scanner reports a malformed (skipped) record when it passes it, so it comes before the record just read.
        if (_malformed.TryDequeue(out var malformed))
        {
            _held = record;
            return new RawRecord(malformed.LineNumber, [], Describe(malformed), []);
        }

        return record;
    }

    private RawRecord? ReadRecord(bool header = false)
    {
        bool read;
        try
        {
            read = _csv.Read();
        }
        catch (CsvFormatException e)
        {
            throw new DomainException(new PlacementFileUnreadable(e.LineNumber,
                $"A record starting on line {e.LineNumber} is longer than {MaxRecordBytes / 1024} KB; the rest of the file cannot be read."));
        }

        if (!read)
        {
            return null;
        }

        var fields = new string[_csv.FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = _csv.GetString(i);
        }

        var invalid = Utf8.IsValid(_csv.RawRecord) ? [] : Enumerable.Range(0, fields.Length).Where(i => !Utf8.IsValid(_csv.GetSpan(i))).ToArray();
        var problem = header || fields.Length == _width ? null : $"has {fields.Length} fields; {_width} are expected";
        return new RawRecord(_csv.LineNumber, fields, problem, invalid);
    }

    private string Describe(CsvMalformedRecord record) => record.Reason switch
    {
        CsvMalformedReason.StrayQuote => "broken quoting: a quote inside an unquoted field (put the whole field in quotes and double each quote inside it)",
        CsvMalformedReason.TextAfterClosingQuote => "broken quoting: text after a closing quote (double any quote inside a quoted field)",
        CsvMalformedReason.UnterminatedQuote => "broken quoting: a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "broken quoting: a quoted field is not closed on its line (line breaks inside fields are not allowed)",
        CsvMalformedReason.FieldCountMismatch => $"has a different number of fields than the header's {_width}",
        CsvMalformedReason.TrailingEscape => "broken quoting: the file ends with an escape character",
    };

    /// <summary>Reads to the end so the hash covers the whole file, then returns the SHA-256 in lower-case hex.</summary>
    public string FinishHash()
    {
        var buffer = new byte[64 * 1024];
        while (_stream.Read(buffer, 0, buffer.Length) > 0)
        {
        }

        return _stream.Hash();
    }

    public void Dispose()
    {
        _csv.Dispose();
        _stream.Dispose();
    }

    private static string Clip(string text) => ControlCharacters.Visible(text.Length > 40 ? text[..40] + "…" : text);

    /// <summary>Counts and hashes the bytes as they stream past, so neither needs a second pass over the file.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _bytesRead;

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public string Hash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            Interlocked.Add(ref _bytesRead, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

public sealed record PlacementFileEmpty()
    : DomainError("import.file_empty", $"The file is empty; a placement file starts with the header row: {PlacementColumns.Header}", ErrorKind.Validation);

public sealed record PlacementHeaderWrong(string Problem) : DomainError("import.header_wrong", Problem, ErrorKind.Validation);

public sealed record PlacementFileNotUtf8()
    : DomainError("import.not_utf8", "The file is not UTF-8 text (its header contains bytes that are not valid UTF-8, or it is UTF-16). Save it as UTF-8 CSV and try again.", ErrorKind.Validation);

public sealed record PlacementFileUnreadable(long RowNumber, string Problem) : DomainError("import.unreadable", Problem, ErrorKind.Validation);
