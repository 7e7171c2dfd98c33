namespace CommandCenter.ComponentTests.Infrastructure;

/// <summary>A test class that renders MudBlazor components. MudBlazor's services only dispose
/// asynchronously and xUnit 2 disposes a test class synchronously, so the bUnit context is held here
/// and disposed through <see cref="IAsyncLifetime"/>.</summary>
public abstract class MudTest : IAsyncLifetime
{
    protected MudTest()
    {
        // Pages wait on a real database (and hash passwords) on 2 cores shared with other builds.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Ctx.AddMud();
    }

    protected BunitContext Ctx { get; } = new();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Ctx.DisposeAsync();
}
