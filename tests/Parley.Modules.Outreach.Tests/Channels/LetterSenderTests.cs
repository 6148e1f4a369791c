using System.Security.Cryptography;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;
using UglyToad.PdfPig;
using static Parley.Modules.Outreach.Tests.Channels.ChannelTestHost;

namespace Parley.Modules.Outreach.Tests.Channels;

/// <summary>Letters rendered to PDF into a dated batch with a manifest; the PDF's text is read back with PdfPig.</summary>
public sealed class LetterSenderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"parley-letters-{Guid.CreateVersion7():N}");

    private const string Notice =
        "Parley Collections is a debt collector. We are trying to collect a debt that you owe to ACME Bank. We will use any information you give us to help collect the debt.\n\n"
        + "Our information shows:\nAs of 1 June 2026, you owed:            $1,200.00\nBetween 1 June 2026 and today:\n  You were charged this amount in interest: + $0.00\n  You were charged this amount in fees:     + $0.00\n  You paid or were credited this amount:    - $100.00\nTotal amount of the debt now:             $1,100.00\n\n"
        + "How can you dispute the debt? Call or write to us by 15 January 2027 to dispute all or part of the debt.";

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<TestDatabase> WithLettersAsync() => CreateAsync(DatabaseProvider.Sqlite, o => o.Letters.Directory = _directory);

    private static OutgoingMessage Letter(Parley.SharedKernel.AccountId account, string key, string body) =>
        new(key, account, ContactChannel.Letter, "Jane Doe\n1 Main St\nPhiladelphia, PA 19103", "Notice about your ACME debt", body, null, "en");

    [Fact]
    public async Task A_letter_becomes_a_readable_pdf_in_todays_batch_with_its_manifest_line_once_per_key()
    {
        await using var database = await WithLettersAsync();
        var account = await SeedAsync(database);
        var longBody = Notice + "\n\n" + string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Paragraph {i}: you can ask us for help at any time, and we will listen."));

        var first = await SendAsync(database, Letter(account, "letter-1", longBody));
        var again = await SendAsync(database, Letter(account, "letter-1", longBody));
        var other = await SendAsync(database, Letter(account, "letter-2", "Short letter."));

        first.Accepted.ShouldBeTrue(first.Error);
        again.ShouldBe(first);
        other.ProviderMessageId.ShouldNotBe(first.ProviderMessageId);
        var day = database.Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        first.ProviderMessageId.ShouldNotBeNull().ShouldStartWith($"{day}/");
        var folder = Path.Combine(_directory, day);
        var manifest = await File.ReadAllLinesAsync(Path.Combine(folder, LetterSender.ManifestName));
        manifest.Length.ShouldBe(3);
        manifest[0].ShouldBe(LetterSender.ManifestHeader);
        var row = LetterSender.ReadCsv(manifest[1]);
        var pdfPath = Path.Combine(folder, row[0]);
        row[1].ShouldBe("P-1");
        row[2].ShouldBe("Jane Doe");
        row[3].ShouldBe("1 Main St | Philadelphia, PA 19103");
        row[5].ShouldBe("letter-1");
        row[6].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(pdfPath))));

        using var pdf = PdfDocument.Open(pdfPath);
        var pages = pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
        row[4].ShouldBe(pages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        pages.Count.ShouldBeGreaterThan(1);
        pages[0].ShouldContain("Parley Collections PO Box 1000");
        pages[0].ShouldContain("Jane Doe 1 Main St Philadelphia, PA 19103");
        pages[0].ShouldContain("Notice about your ACME debt");
        pages[0].ShouldContain("Total amount of the debt now: $1,100.00");
        pages[0].ShouldContain("Call or write to us by 15 January 2027 to dispute all or part of the debt.");
        pages[0].ShouldContain($"Page 1 of {pages.Count}");
        pages[^1].ShouldContain("Paragraph 40: you can ask us for help at any time, and we will listen.");
        pages[^1].ShouldContain($"Page {pages.Count} of {pages.Count}");
    }

    [Fact]
    public async Task A_letter_without_a_postal_address_is_refused()
    {
        await using var database = await WithLettersAsync();
        var account = await SeedAsync(database);

        var outcome = await SendAsync(database, Letter(account, "letter-x", "Hello") with { To = "Jane Doe" });

        (outcome.Accepted, outcome.Retryable).ShouldBe((false, false));
        Directory.Exists(_directory).ShouldBeFalse();
    }
}
