using System.Collections.Immutable;
using System.Text.Json;
using CommandCenter.Live;
using CommandCenter.Shared;

namespace CommandCenter.ComponentTests.Shared;

/// <summary>The map sends the browser only what changed since its last push, so pushes must not overlap: renders
/// go on while one awaits the browser.</summary>
public sealed class MapPushTests : BunitContext
{
    private static ImmutableDictionary<string, GridState> Grids(params (string Code, int Open)[] grids) =>
        grids.ToImmutableDictionary(g => g.Code, g => new GridState(g.Open, 0, 0, 0, false));

    [Fact]
    public void A_render_while_grid_states_are_on_their_way_waits_for_them_and_then_sends_what_changed_since()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var module = JSInterop.SetupModule("./Shared/Map.razor.js");
        module.Mode = JSRuntimeMode.Loose; // the other updates (workers, markers) return at once
        // create returns the map instance, itself a JS object reference.
        module.SetupModule(invocation => invocation.Identifier == "create");
        var handler = module.SetupVoid("setGridStates", _ => true);
        IReadOnlyList<JSRuntimeInvocation> Sends() => module.Invocations["setGridStates"];

        var cut = Render<Map>(p => p.Add(m => m.Grids, Grids(("A", 1), ("B", 0))).Add(m => m.GridsUrl, "/geo/grids"));
        cut.WaitForAssertion(() => Assert.Single(Sends()));
        // While the first push is still on its way: A changes and changes back, B changes.
        cut.Render(p => p.Add(m => m.Grids, Grids(("A", 2), ("B", 0))));
        cut.Render(p => p.Add(m => m.Grids, Grids(("A", 1), ("B", 3))));
        Assert.Single(Sends());

        handler.SetVoidResult();

        // The next round runs when the first call returns, with no render of its own to wait on: poll.
        Assert.True(SpinWait.SpinUntil(() => Sends().Count >= 2, TimeSpan.FromSeconds(10)), "a second push followed the first");
        Assert.Equal(2, Sends().Count);
        // The next round diffs the newest states against what the first push sent: B only, with its new count.
        using var second = JsonDocument.Parse((string)Sends()[1].Arguments[1]!);
        Assert.Equal(["B"], second.RootElement.EnumerateObject().Select(g => g.Name));
        Assert.Equal(3, second.RootElement.GetProperty("B").GetProperty("open").GetInt32());
    }
}
