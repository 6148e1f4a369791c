using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Training.Uci;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

public sealed class UciCreditDefaultTests
{
    internal static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "Data", "uci-sample.csv");

    private const string Header = "ID,LIMIT_BAL,SEX,EDUCATION,MARRIAGE,AGE,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,BILL_AMT1,BILL_AMT2,BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6,default_payment_next_month";

    // Bills 600 (Sep) … 100 (Apr), payments 16 (Sep) … 11 (Apr), delays 2 (Sep) … -1 (Apr).
    private const string Row = "9,2e+05,2,1,2,30,2,1,0,-1,-2,-1,600,500,400,300,200,100,16,15,14,13,12,11,1";

    [Fact]
    public void Maps_a_row_into_six_statements_oldest_first_each_paid_by_the_next_months_payment()
    {
        var client = Read(Header, Row).ShouldHaveSingleItem();

        client.Id.ShouldBe(9);
        client.Facts.ShouldBe(new AccountFacts(20_000_000, 2));
        client.DefaultedNextMonth.ShouldBeTrue();
        var months = client.Statements;
        months.Select(m => m.AmountDueMinor).ShouldBe([10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
        // April's bill is paid in May (PAY_AMT5) … August's in September (PAY_AMT1); September's falls after the data.
        months.Select(m => m.AmountPaidMinor).ShouldBe([1_200, 1_300, 1_400, 1_500, 1_600, 0]);
        months.Select(m => m.DaysPastDue).ShouldBe([0, 0, 0, 0, 30, 60]);
        client.Sensitive.ShouldBe(new SensitiveAttributes(2, 1, 2, 30));
    }

    [Fact]
    public void Reads_the_shipped_sample()
    {
        var clients = UciCreditDefault.Read(SamplePath);

        clients.Count.ShouldBe(400);
        clients.Count(c => c.DefaultedNextMonth).ShouldBe(85);
        clients.ShouldAllBe(c => c.Statements.Length == 6);
    }

    [Fact]
    public void No_feature_depends_on_the_sensitive_columns()
    {
        var original = UciCreditDefault.Read(SamplePath);
        var lines = File.ReadAllLines(SamplePath);
        // Rotate sex, education, marriage and age one row down: every row gets another client's sensitive values.
        var sensitive = lines.Skip(1).Select(l => l.Split(',')[2..6]).ToArray();
        var rotated = lines.Skip(1).Select((l, i) =>
        {
            var cells = l.Split(',');
            var other = sensitive[(i + 1) % sensitive.Length];
            other.CopyTo(cells, 2);
            return string.Join(',', cells);
        });
        var shuffled = UciCreditDefault.Read(new StringReader(string.Join('\n', rotated.Prepend(lines[0]))), "rotated");

        shuffled.Select(c => c.Sensitive).ShouldNotBe(original.Select(c => c.Sensitive));
        for (var i = 0; i < original.Count; i++)
        {
            EarlyWarningFeatures.Compute(shuffled[i].Facts, shuffled[i].Statements)
                .ShouldBe(EarlyWarningFeatures.Compute(original[i].Facts, original[i].Statements));
        }
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData(Header, "no data rows")]
    [InlineData("ID,LIMIT_BAL", "missing column(s) SEX, EDUCATION")]
    [InlineData(Header + ",EXTRA", "unexpected column 'EXTRA'")]
    [InlineData(Header + "\n" + "9,abc,2,1,2,30,2,1,0,-1,-2,-1,600,500,400,300,200,100,16,15,14,13,12,11,1", "row 2, field LIMIT_BAL: 'abc' is not a whole number")]
    [InlineData(Header + "\n" + Row + "\n" + "9,2e+05,2,1,2,30,2,1,0,-1,-2,-1,600,500,400,300,200,100,16,15,14,13,12,1.5,1", "row 3, field PAY_AMT6: '1.5' is not a whole number")]
    [InlineData(Header + "\n" + "9,2e+05,2,1", "row 2: 4 fields where the header has 25")]
    [InlineData(Header + "\n" + "9,2e+05,2,1,2,30,2,1,0,-1,-2,-1,600,500,400,300,200,100,16,15,14,13,12,11,2", "row 2, field default_payment_next_month: is not 0 or 1")]
    public void Bad_input_names_the_row_and_field(string text, string expected)
    {
        var error = Should.Throw<UciFormatException>(() => UciCreditDefault.Read(new StringReader(text), "bad.csv"));

        error.Message.ShouldStartWith("bad.csv");
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        Should.Throw<UciFormatException>(() => UciCreditDefault.Read("/nonexistent/uci.csv")).Message.ShouldContain("/nonexistent/uci.csv");
    }

    private static IReadOnlyList<UciClient> Read(params string[] lines) =>
        UciCreditDefault.Read(new StringReader(string.Join('\n', lines)), "test.csv");
}
