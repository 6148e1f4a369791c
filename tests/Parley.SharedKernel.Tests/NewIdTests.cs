using Shouldly;

namespace Parley.SharedKernel.Tests;

public sealed class NewIdTests
{
    [Fact]
    public void Ids_are_rfc_9562_version_7_with_the_current_unix_milliseconds()
    {
        var before = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var id = NewId.Next();
        var after = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

        id.Version.ShouldBe(7);
        (id.Variant & 0b1100).ShouldBe(0b1000);
        var bytes = id.ToByteArray(bigEndian: true);
        var milliseconds = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes) >> 16;
        milliseconds.ShouldBeInRange(before, after);
    }

    [Fact]
    public void Ids_do_not_repeat_across_many_refills_of_the_random_block()
    {
        var ids = Enumerable.Range(0, 200_000).Select(_ => NewId.Next()).ToList();

        ids.Distinct().Count().ShouldBe(ids.Count);
        ids.ShouldAllBe(id => id.Version == 7);
    }

    [Fact]
    public void Ids_made_in_a_later_millisecond_sort_after_earlier_ones()
    {
        var first = NewId.Next();
        var start = TimeProvider.System.GetUtcNow();
        while (TimeProvider.System.GetUtcNow() - start < TimeSpan.FromMilliseconds(2))
        {
            Thread.SpinWait(100);
        }

        var later = NewId.Next();

        later.CompareTo(first).ShouldBePositive();
        string.CompareOrdinal(later.ToString(), first.ToString()).ShouldBePositive();
    }
}
