namespace CommandCenter.Tests.Cases;

/// <summary>A clock tests set by hand (Microsoft.Extensions.TimeProvider.Testing is not in the registry here).</summary>
public sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;
}
