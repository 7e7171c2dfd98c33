namespace CommandCenter.Tests.Infrastructure;

/// <summary>Base for test classes that talk to the web app: one migrated database per class, one app
/// per test (so rate limits and clocks never leak between tests). With <paramref name="fixedClock"/>
/// the app reads "now" from <see cref="Clock"/>, which the test moves by hand.</summary>
public abstract class WebAppTests(PostgisDatabase db, bool fixedClock = false) : IClassFixture<PostgisDatabase>, IAsyncLifetime
{
    protected PostgisDatabase Db { get; } = db;
    protected WebApp Web { get; private set; } = null!;
    protected TestClock Clock { get; } = new();

    public virtual Task InitializeAsync()
    {
        Web = WebApp.Create(Db, fixedClock ? Clock : null);
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Web.DisposeAsync();
}
