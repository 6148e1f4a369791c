namespace Parley.Demo.Portfolio;

/// <summary>Picks one of several values with probability proportional to its weight.</summary>
public sealed class WeightedChoice<T>
{
    private readonly T[] _values;
    private readonly int[] _cumulative;

    public WeightedChoice(IEnumerable<(T Value, int Weight)> choices)
    {
        var list = choices.ToArray();
        _values = list.Select(c => c.Value).ToArray();
        var total = 0;
        _cumulative = list.Select(c => total += c.Weight).ToArray();
    }

    public T Pick(Random rng)
    {
        var index = Array.BinarySearch(_cumulative, rng.Next(_cumulative[^1]) + 1);
        return _values[index >= 0 ? index : ~index];
    }
}
