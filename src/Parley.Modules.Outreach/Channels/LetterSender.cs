using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;

namespace Parley.Modules.Outreach.Channels;

/// <summary>
/// Letters into a print vendor's batch: each is rendered to PDF and appended to today's folder
/// <c>{Outreach:Letters:Directory}/{yyyy-MM-dd}/</c> with a line in its <c>manifest.csv</c> (file, account reference,
/// recipient name, postal address lines, pages, idempotency key, SHA-256). The message's <c>To</c> is the recipient's
/// name on its first line and the address lines after it. Once per key: a key already in any batch is not added again.
/// </summary>
public sealed class LetterSender(IOptions<OutreachChannelOptions> options, IContactProfiles profiles, IClock clock) : IChannelSender
{
    public const string ManifestName = "manifest.csv";
    public const string ManifestHeader = "file,account_ref,recipient_name,postal_address,pages,idempotency_key,sha256";

    // One writer at a time in this process: the manifest is appended to, never rewritten.
    private static readonly SemaphoreSlim Writing = new(1, 1);
    private static readonly LocalDatePattern Day = LocalDatePattern.Iso;
    private static readonly LocalDatePattern LetterDate = LocalDatePattern.Create("d MMMM uuuu", CultureInfo.InvariantCulture);

    public ContactChannel Channel => ContactChannel.Letter;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Channel != ContactChannel.Letter)
        {
            return SendOutcome.Refused($"this sender prints letters, not {message.Channel.Name()}");
        }

        var lines = message.To.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 3)
        {
            return SendOutcome.Refused("a letter needs the recipient's name and at least two address lines");
        }

        var now = clock.GetCurrentInstant();
        var profile = await profiles.GetAsync(message.Account, now, cancellationToken);
        if (profile is null)
        {
            return SendOutcome.Refused("the account does not exist");
        }

        var o = options.Value.Letters;
        var file = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.IdempotencyKey)))[..24]}.pdf";
        var today = now.InUtc().Date;
        var folder = Path.Combine(o.Directory, Day.Format(today));
        await Writing.WaitAsync(cancellationToken);
        try
        {
            // The same key in any batch (a retry after a crash, or on a later day) is the same letter.
            if (Directory.Exists(o.Directory) && Directory.EnumerateFiles(o.Directory, file, SearchOption.AllDirectories).FirstOrDefault() is { } existing
                && InManifest(Path.Combine(Path.GetDirectoryName(existing)!, ManifestName), message.IdempotencyKey))
            {
                return SendOutcome.Sent(Path.GetRelativePath(o.Directory, existing).Replace('\\', '/'));
            }

            var (pdf, pages) = LetterRenderer.Render(new LetterContent(o.SenderName, o.SenderAddress, lines[0], lines[1..], LetterDate.Format(today), message.Subject, message.Text));
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, file), pdf, cancellationToken);
            var manifest = Path.Combine(folder, ManifestName);
            var row = string.Join(',', new[]
            {
                file, profile.CreditorReference, lines[0], string.Join(" | ", lines[1..]), pages.ToString(CultureInfo.InvariantCulture), message.IdempotencyKey, Convert.ToHexStringLower(SHA256.HashData(pdf)),
            }.Select(Csv));
            var header = File.Exists(manifest) ? "" : ManifestHeader + "\n";
            await File.AppendAllTextAsync(manifest, header + row + "\n", cancellationToken);
            return SendOutcome.Sent($"{Day.Format(today)}/{file}");
        }
        catch (IOException e)
        {
            return SendOutcome.TryLater($"the letter batch could not be written ({e.GetType().Name})");
        }
        catch (UnauthorizedAccessException)
        {
            return SendOutcome.TryLater("the letter batch folder cannot be written to");
        }
        finally
        {
            Writing.Release();
        }
    }

    private static bool InManifest(string manifest, string key) =>
        File.Exists(manifest) && File.ReadLines(manifest).Skip(1).Any(l => ManifestKey(l) is { } k && (k == key || k == "'" + key));

    /// <summary>The idempotency key of a manifest line (its sixth field).</summary>
    public static string? ManifestKey(string line)
    {
        var fields = ReadCsv(line);
        return fields.Count > 5 ? fields[5] : null;
    }

    /// <summary>A manifest line's fields (RFC 4180 quoting).</summary>
    public static List<string> ReadCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    // Quoted when it holds a comma, quote or line break; a leading =, +, - or @ is prefixed so a spreadsheet does not run it.
    private static string Csv(string value)
    {
        var v = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return v.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : v;
    }
}
