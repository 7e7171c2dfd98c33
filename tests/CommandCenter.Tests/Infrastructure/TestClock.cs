namespace CommandCenter.Tests.Infrastructure;

/// <summary>A clock the test moves by hand. Only "now" is fixed; timers still run in real time, so
/// background loops keep working while lockout and idle rules see the fixed time.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public TestClock() : this(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
