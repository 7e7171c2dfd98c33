namespace CommandCenter.Bench;

/// <summary>The one clock of a live run: Unix milliseconds of the system clock, which the walls' samples
/// (Date.now() in Chromium) share with the acknowledgements and hub samples taken here — one machine.</summary>
public static class LiveClock
{
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
