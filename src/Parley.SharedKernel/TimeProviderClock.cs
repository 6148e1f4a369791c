using NodaTime;

namespace Parley.SharedKernel;

/// <summary>Bridges .NET's <see cref="TimeProvider"/> to NodaTime's <see cref="IClock"/> so tests can use a fake time provider.</summary>
public sealed class TimeProviderClock(TimeProvider timeProvider) : IClock
{
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(timeProvider.GetUtcNow());
}

public static class TimeProviderExtensions
{
    public static IClock ToClock(this TimeProvider timeProvider) => new TimeProviderClock(timeProvider);
}
