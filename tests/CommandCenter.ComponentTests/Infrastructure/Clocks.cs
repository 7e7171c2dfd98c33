using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.ComponentTests.Infrastructure;

/// <summary>The fixed instant component tests start from: Monday 2026-03-02 10:00 in Beijing.</summary>
public static class Clocks
{
    public static readonly DateTimeOffset Monday10 = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Fixed() => new(Monday10);
}
