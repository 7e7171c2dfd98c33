using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>Base for test classes that talk to the web app: one migrated database per class, one app
/// per test (so rate limits and clocks never leak between tests). With <paramref name="fixedClock"/>
/// the app reads "now" from <see cref="Clock"/>, which the test moves by hand.</summary>
public abstract class WebAppTests(PostgisDatabase db, bool fixedClock = false) : IClassFixture<PostgisDatabase>, IAsyncLifetime
{
    protected PostgisDatabase Db { get; } = db;
    protected WebApp Web { get; private set; } = null!;
    // Only "now" is moved by hand; the app's timers wait on it too, so a background loop runs when the
    // test advances the clock past its next tick, and not otherwise.
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public virtual Task InitializeAsync()
    {
        Web = WebApp.Create(Db, fixedClock ? Clock : null);
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Web.DisposeAsync();
}
