using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Parley.Modules.Accounts.Import;

/// <summary>
/// SHA-256 of a row's normalised values: an unchanged row hashes the same however it was formatted, so a re-placed
/// row that changes nothing is skipped. Not thread-safe (it reuses its buffers); one per import.
/// </summary>
internal sealed class PlacementRowFingerprint
{
    private readonly StringBuilder _canonical = new(2048);
    private byte[] _utf8 = new byte[8192];

    public string Of(PlacementRow row)
    {
        var c = _canonical.Clear();
        const char Sep = '\u001F';
        c.Append(row.Creditor.Code).Append(Sep).Append(row.CustomerRef).Append(Sep).Append(row.Name.Given).Append(Sep).Append(row.Name.Family).Append(Sep);
        AppendIso(c, row.DateOfBirth).Append(Sep).Append(row.Language).Append(Sep)
            .Append(row.Address.Line1).Append(Sep).Append(row.Address.Line2).Append(Sep).Append(row.Address.City).Append(Sep).Append(row.Address.PostalCode).Append(Sep)
            .Append(row.Address.Jurisdiction.Code).Append(Sep).Append(row.Address.TimeZone).Append(Sep);
        foreach (var p in row.Phones)
        {
            c.Append(p.E164).Append('/').Append(p.Type).Append('/').Append(p.ConsentToCall).Append('/').Append(p.ConsentToSms).Append(Sep);
        }

        if (row.Email is { } e)
        {
            c.Append(e.Address).Append('/').Append(e.Type).Append('/').Append(e.ConsentToEmail);
        }

        var t = row.Terms;
        c.Append(Sep).Append(row.AccountRef).Append(Sep).Append(t.ProductType).Append(Sep).Append(t.OriginalCreditor).Append(Sep).Append(t.Currency.Code).Append(Sep)
            .Append(row.PrincipalMinor).Append(Sep).Append(row.InterestMinor).Append(Sep).Append(row.FeesMinor).Append(Sep);
        AppendIso(c, t.ChargeOffDate).Append(Sep);
        AppendIso(c, t.LastPaymentDate).Append(Sep).Append(t.DaysPastDue).Append(Sep);
        AppendIso(c, t.StatuteOfLimitationsDate).Append(Sep).Append(t.Status).Append(Sep);
        foreach (var s in row.Statements.Months)
        {
            AppendIso(c, s.StatementDate).Append('|').Append(s.AmountDueMinor).Append('|').Append(s.MinimumDueMinor).Append('|').Append(s.AmountPaidMinor).Append('|').Append(s.DaysPastDue).Append(';');
        }

        // Only a row with contacts hashes them, so the rows of files without the optional columns keep their hashes.
        if (row.Contacts.Count > 0)
        {
            c.Append(Sep);
            foreach (var contact in row.Contacts)
            {
                c.Append(contact.At.ToUnixTimeTicks()).Append('/').Append(contact.Channel).Append('/').Append(contact.Outcome).Append(';');
            }
        }

        var length = 0;
        foreach (var chunk in c.GetChunks())
        {
            var needed = length + Encoding.UTF8.GetMaxByteCount(chunk.Length);
            if (needed > _utf8.Length)
            {
                Array.Resize(ref _utf8, Math.Max(needed, _utf8.Length * 2));
            }

            length += Encoding.UTF8.GetBytes(chunk.Span, _utf8.AsSpan(length));
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(_utf8.AsSpan(0, length), digest);
        return Convert.ToHexStringLower(digest);
    }

    private static StringBuilder AppendIso(StringBuilder c, LocalDate? date)
    {
        if (date is { } d)
        {
            Span<char> text = stackalloc char[10];
            if (IsoDates.TryFormat(d, text))
            {
                c.Append(text);
            }
            else
            {
                c.Append(NodaTime.Text.LocalDatePattern.Iso.Format(d));
            }
        }

        return c;
    }
}
