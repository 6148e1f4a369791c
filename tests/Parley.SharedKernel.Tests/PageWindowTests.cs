using CsCheck;
using Shouldly;

namespace Parley.SharedKernel.Tests;

public sealed class PageWindowTests
{
    [Fact]
    public void Any_page_and_size_give_a_window_within_bounds_whose_offset_does_not_overflow() =>
        Gen.Select(Gen.Int, Gen.Int, Gen.Int[1, 1_000]).Sample((page, size, max) =>
        {
            var window = PageWindow.Clamp(page, size, max);
            window.Page.ShouldBeGreaterThanOrEqualTo(1);
            window.Size.ShouldBeInRange(1, max);
            window.Offset.ShouldBe(((long)window.Page - 1) * window.Size);
            window.Offset.ShouldBeGreaterThanOrEqualTo(0);
        });

    [Fact]
    public void The_last_int_page_skips_more_rows_than_an_int_holds_and_is_empty()
    {
        var window = PageWindow.Clamp(int.MaxValue, int.MaxValue, 200);
        var rows = Enumerable.Range(1, 10).AsQueryable();

        window.Offset.ShouldBe((int.MaxValue - 1L) * 200);
        window.Of(rows).ShouldBeEmpty();
        PageWindow.Clamp(2, 4, 200).Of(rows).ShouldBe([5, 6, 7, 8]);
        PageWindow.Clamp(3, 4, 200).Of(rows).ShouldBe([9, 10]);
    }

    [Fact]
    public void A_query_names_the_parameter_out_of_bounds_and_leaves_the_others_alone()
    {
        var errors = new Dictionary<string, string[]>();
        var defaults = PageWindow.Read(null, null, 25, 200, errors);
        errors.ShouldBeEmpty();
        (defaults.Page, defaults.Size).ShouldBe((1, 25));

        PageWindow.Read(int.MaxValue, 200, 25, 200, errors);
        errors.ShouldBeEmpty();

        PageWindow.Read(0, 201, 25, 200, errors);
        errors.Keys.Order(StringComparer.Ordinal).ShouldBe(["page", "pageSize"]);
        errors["pageSize"].ShouldBe(["pageSize must be between 1 and 200."]);

        var negative = new Dictionary<string, string[]>();
        PageWindow.Read(-1, -1, 25, 200, negative);
        negative.Keys.Order(StringComparer.Ordinal).ShouldBe(["page", "pageSize"]);
    }
}
