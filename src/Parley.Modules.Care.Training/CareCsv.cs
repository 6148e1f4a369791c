using System.Text;
using Parley.Modules.Care.Contracts;

namespace Parley.Modules.Care.Training;

/// <summary>One record of a CSV file: its row number (where it starts; the header is row 1) and its fields.</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);

/// <summary>RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. A UTF-8 byte-order mark is skipped.</summary>
public static class CareCsv
{
    public static IEnumerable<CsvRecord> Read(TextReader reader, string source)
    {
        var row = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var startRow = 1;
        var atFieldStart = true;
        int next;
        var first = true;
        while ((next = reader.Read()) >= 0)
        {
            var c = (char)next;
            if (first)
            {
                first = false;
                if (c == '\uFEFF')
                {
                    continue;
                }
            }

            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        row++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (!(fields.Count == 1 && fields[0].Length == 0))
                    {
                        yield return new CsvRecord(startRow, fields.ToArray());
                    }

                    fields.Clear();
                    row++;
                    startRow = row;
                    atFieldStart = true;
                    break;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    break;
            }
        }

        if (quoted)
        {
            throw new CareDataException($"{source}: row {startRow}: a quoted field is never closed");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(startRow, fields.ToArray());
        }
    }

    /// <summary>The column names of a file's header, for a reader that accepts more than one layout.</summary>
    public static IReadOnlyList<string> Header(string path)
    {
        if (!File.Exists(path))
        {
            throw new CareDataException($"{path} does not exist");
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var records = Read(reader, path).GetEnumerator();
        return records.MoveNext() ? [.. records.Current.Fields.Select(f => f.Trim())] : throw new CareDataException($"{path} is empty: it needs a header");
    }

    /// <summary>A file with a header naming the columns required (others are ignored): rows as dictionaries by column.</summary>
    public static IEnumerable<(int Row, Func<string, string> Field)> ReadTable(string path, params string[] required)
    {
        if (!File.Exists(path))
        {
            throw new CareDataException($"{path} does not exist");
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var records = Read(reader, path).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new CareDataException($"{path} is empty: it needs a header with {string.Join(", ", required)}");
        }

        var header = records.Current.Fields.Select(f => f.Trim()).ToList();
        foreach (var column in required)
        {
            if (!header.Contains(column, StringComparer.Ordinal))
            {
                throw new CareDataException($"{path}: row 1: the header has no '{column}' column (it needs {string.Join(", ", required)})");
            }
        }

        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.Count != header.Count)
            {
                throw new CareDataException($"{path}: row {record.Row}: {record.Fields.Count} fields where the header has {header.Count}");
            }

            var fields = record.Fields;
            yield return (record.Row, column => fields[header.IndexOf(column)]);
        }
    }

    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
