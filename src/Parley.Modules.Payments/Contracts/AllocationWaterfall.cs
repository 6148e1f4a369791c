namespace Parley.Modules.Payments.Contracts;

/// <summary>The order in which a payment pays down buckets; every bucket appears exactly once.</summary>
public sealed record AllocationWaterfall
{
    // Formatted once: every ledger a placement opens stores its creditor's waterfall as text.
    private string? _text;

    private AllocationWaterfall(IReadOnlyList<BalanceBucket> order) => Order = order;

    public IReadOnlyList<BalanceBucket> Order { get; }

    /// <summary>Fees, then interest, then principal: the common creditor default.</summary>
    public static AllocationWaterfall Default { get; } = new([BalanceBucket.Fees, BalanceBucket.Interest, BalanceBucket.Principal]);

    public static bool TryParse(string? text, out AllocationWaterfall waterfall)
    {
        waterfall = Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var buckets = new List<BalanceBucket>();
        foreach (var part in text.Split('>', StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<BalanceBucket>(part, ignoreCase: true, out var bucket) || buckets.Contains(bucket))
            {
                return false;
            }

            buckets.Add(bucket);
        }

        if (buckets.Count != Enum.GetValues<BalanceBucket>().Length)
        {
            return false;
        }

        waterfall = new(buckets);
        return true;
    }

    public static AllocationWaterfall Parse(string text) =>
        TryParse(text, out var w) ? w : throw new FormatException($"'{text}' is not a waterfall such as 'fees>interest>principal'.");

    /// <summary>Stored and displayed as e.g. <c>fees&gt;interest&gt;principal</c>.</summary>
    public override string ToString() => _text ??= string.Join('>', Order.Select(b => b.ToString().ToLowerInvariant()));

    public bool Equals(AllocationWaterfall? other) => other is not null && Order.SequenceEqual(other.Order);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
