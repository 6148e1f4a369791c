using System.Security.Cryptography;
using System.Text;
using Parley.Demo.Placements;
using Parley.Demo.Portfolio;
using Shouldly;

namespace Parley.Demo.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void The_same_seed_and_count_give_a_byte_identical_file()
    {
        Hash(Demo.Csv(42, 3_000)).ShouldBe(Hash(Demo.Csv(42, 3_000)));
    }

    [Fact]
    public void A_different_seed_gives_a_different_portfolio()
    {
        var a = PlacementRules.ReadRows(Demo.Csv(42, 500), out _);
        var b = PlacementRules.ReadRows(Demo.Csv(43, 500), out _);
        var namesA = a.Select(r => $"{r[2]} {r[3]} {r[9]}").ToList();
        var namesB = b.Select(r => $"{r[2]} {r[3]} {r[9]}").ToList();
        namesA.Zip(namesB).Count(p => p.First == p.Second).ShouldBeLessThan(50);
    }

    [Fact]
    public void A_smaller_portfolio_is_a_prefix_of_a_larger_one_with_the_same_seed()
    {
        var small = Demo.Csv(9, 400);
        var large = Demo.Csv(9, 1_200);
        large.ShouldStartWith(small);
    }

    [Fact]
    public void People_keep_their_identity_accounts_and_holds_when_the_as_of_date_moves()
    {
        static string Shape(DemoPerson p) => string.Join('|', [
            p.GivenName, p.FamilyName, p.MobileE164, p.Place.City,
            .. p.Customers.Select(c => c.CustomerReference),
            .. p.Customers.SelectMany(c => c.Accounts).Select(a => $"{a.Reference}:{a.Product}"),
            .. p.Customers.SelectMany(c => c.Holds).Select(h => $"{h.Type}:{h.AccountReference}")]);

        var now = new PortfolioGenerator(5, Demo.AsOf).People().Take(300).Select(Shape);
        var later = new PortfolioGenerator(5, Demo.AsOf.PlusDays(1)).People().Take(300).Select(Shape);
        var nextMonth = new PortfolioGenerator(5, Demo.AsOf.PlusMonths(1)).People().Take(300).Select(Shape);

        later.ShouldBe(now);
        nextMonth.ShouldBe(now);
    }

    [Fact]
    public void The_file_is_utf8_without_a_byte_order_mark_with_crlf_rows_and_the_agreed_header()
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, PlacementFileWriter.Utf8, leaveOpen: true))
        {
            PlacementFileWriter.Write(writer, new PortfolioGenerator(1, Demo.AsOf).People(), 10).ShouldBe(10);
        }

        var bytes = stream.ToArray();
        bytes.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(bytes);
        text.ShouldStartWith(PlacementFileWriter.Header + "\r\n");
        text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(11);
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
