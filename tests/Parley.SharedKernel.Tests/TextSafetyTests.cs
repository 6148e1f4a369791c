using System.Text.Json;
using CsCheck;
using Shouldly;

namespace Parley.SharedKernel.Tests;

/// <summary>Control characters refused and shown; CSV cells a spreadsheet would run as formulas neutralised, numbers left alone.</summary>
public sealed class TextSafetyTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("-1 is negative; balances and amounts must be zero or more", "'-1 is negative; balances and amounts must be zero or more")]
    [InlineData("Maria, Lopez", "\"Maria, Lopez\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a=b", "a=b")]
    public void A_cell_a_spreadsheet_would_run_is_prefixed_with_a_quote_and_quoted_as_rfc_4180_says(string value, string cell) =>
        CsvCells.Cell(value).ShouldBe(cell);

    [Theory]
    [InlineData("-12.50")]
    [InlineData("+3")]
    [InlineData("-0")]
    [InlineData("-1000000.123")]
    public void A_plain_number_is_data_not_a_formula_and_is_written_as_it_is(string number) => CsvCells.Cell(number).ShouldBe(number);

    [Fact]
    public void No_cell_starts_with_a_formula_character_unless_it_is_a_plain_number_and_unquoting_gives_the_value_back()
    {
        var text = Gen.OneOf(Gen.String, Gen.String[Gen.Char["=+-@\t\r,\"0123456789.a"], 0, 12]);
        text.Sample(value =>
        {
            var cell = CsvCells.Cell(value);
            var unquoted = cell.StartsWith('"') ? cell[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : cell;
            if (unquoted.Length > 0 && unquoted[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                decimal.TryParse(unquoted, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _)
                    .ShouldBeTrue($"'{value}' was written as '{cell}'");
            }

            unquoted.ShouldBe(unquoted == value ? value : "'" + value);
        });
    }

    [Theory]
    [InlineData("Maria", -1, -1)]
    [InlineData("Ma\0ria", 2, 2)]
    [InlineData("line one\r\nline two\tend", -1, 8)]
    [InlineData("bell\a", 4, 4)]
    [InlineData("\u001F", 0, 0)]
    [InlineData("delete\u007F and next line\u0085 are not C0", -1, -1)]
    public void Free_text_may_hold_tabs_and_line_breaks_a_field_may_hold_no_control_character(string text, int inFreeText, int inField)
    {
        ControlCharacters.IndexInFreeText(text).ShouldBe(inFreeText);
        ControlCharacters.IndexInField(text).ShouldBe(inField);
    }

    [Fact]
    public void A_control_character_is_named_by_code_point_and_position_and_shown_as_its_picture()
    {
        ControlCharacters.Describe("Ma\0ria", 2).ShouldBe("U+0000 at position 3");
        ControlCharacters.Visible("A\0B\tC\u001B").ShouldBe("A␀B␉C␛");
        ControlCharacters.Visible("plain").ShouldBeSameAs("plain");
    }

    private sealed record Person(string Name, string? Nickname, IReadOnlyList<string> Tags, IReadOnlyList<string?>? Notes);

    [Fact]
    public void Json_read_with_the_checks_refuses_a_nul_a_bell_and_a_null_where_the_type_has_a_value_naming_where()
    {
        var options = JsonInputChecks.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

        JsonSerializer.Deserialize<Person>("""{"name": "Ada", "nickname": null, "tags": ["a\tb"], "notes": [null, "x\ny"]}""", options)!.Tags.ShouldBe(["a\tb"]);
        Refusal("""{"name": "A\u0000da", "tags": []}""").ShouldBe(("request.control_character", "name", "contains a control character (U+0000 at position 2), which Parley does not store."));
        Refusal("""{"name": "Ada", "nickname": "\u0007", "tags": []}""").ShouldBe(("request.control_character", "nickname", "contains a control character (U+0007 at position 1), which Parley does not store."));
        Refusal("""{"name": "Ada", "tags": ["ok", "b\u0000"]}""").ShouldBe(("request.control_character", "tags[1]", "contains a control character (U+0000 at position 2), which Parley does not store."));
        Refusal("""{"name": null, "tags": []}""").ShouldBe(("request.missing_field", "name", "is required: it cannot be null."));
        Refusal("""{"name": "Ada", "tags": [null]}""").ShouldBe(("request.missing_field", "tags[0]", "is required: it cannot be null."));
        Refusal("""[{"name": "Ada", "tags": []}, {"name": "Bea", "tags": ["\u0000"]}]""", typeof(List<Person>)).ShouldBe(("request.control_character", "[1].tags[0]", "contains a control character (U+0000 at position 1), which Parley does not store."));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Person>("""{"tags": []}""", options)).Message.ShouldContain("'name'");

        (string, string, string) Refusal(string json, Type? type = null)
        {
            var refused = Should.Throw<JsonValueRefusedException>(() => JsonSerializer.Deserialize(json, type ?? typeof(Person), options));
            return (refused.Code, refused.Field, refused.Problem);
        }
    }
}
