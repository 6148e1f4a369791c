using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Shouldly;

namespace Parley.Modules.Payments.Tests;

public sealed class AllocationTests
{
    private static readonly Buckets Owed = new(100_00, 20_00, 5_00, 0);

    [Fact]
    public void The_default_waterfall_pays_fees_then_interest_then_principal()
    {
        Allocation.Payment(Owed, AllocationWaterfall.Default, 10_00).ShouldBe(new Buckets(0, -5_00, -5_00, 0));
        Allocation.Payment(Owed, AllocationWaterfall.Default, 30_00).ShouldBe(new Buckets(-5_00, -20_00, -5_00, 0));
    }

    [Theory]
    [InlineData("principal>interest>fees", -30_00, 0, 0)]
    [InlineData("interest>principal>fees", -10_00, -20_00, 0)]
    [InlineData("fees>principal>interest", -25_00, 0, -5_00)]
    public void A_custom_waterfall_is_followed(string order, long principal, long interest, long fees) =>
        Allocation.Payment(Owed, AllocationWaterfall.Parse(order), 30_00).ShouldBe(new Buckets(principal, interest, fees, 0));

    [Fact]
    public void An_overpayment_clears_every_bucket_and_the_rest_becomes_credit()
    {
        var deltas = Allocation.Payment(Owed, AllocationWaterfall.Default, 200_00);

        deltas.ShouldBe(new Buckets(-100_00, -20_00, -5_00, 75_00));
        (Owed + deltas).Outstanding.ShouldBe(-75_00);
    }

    [Fact]
    public void A_payment_on_a_cleared_account_is_all_credit() =>
        Allocation.Payment(Buckets.Zero, AllocationWaterfall.Default, 1).ShouldBe(new Buckets(0, 0, 0, 1));

    [Fact]
    public void A_restatement_below_zero_holds_the_excess_as_credit()
    {
        Allocation.Restatement(new Buckets(40_00, 5_00, 0, 0), new Buckets(-50_00, 2_00, 0, 0)).ShouldBe(new Buckets(-40_00, 2_00, 0, 10_00));
        Allocation.Restatement(new Buckets(40_00, 5_00, 0, 0), new Buckets(-10_00, -5_00, 0, 0)).ShouldBe(new Buckets(-10_00, -5_00, 0, 0));
    }
}
