using CommandCenter.Features.WallControl;
using CommandCenter.Shared;

namespace CommandCenter.Features.Screen;

// Wall control on the wall (issue 16): WallLink follows the command in force for this wall; the screen
// zooms its map and shows the overlay, and returns to the normal view when the command ends.
public sealed partial class Screen
{
    private WallView? _wallView;

    private MapFocus? WallFocus => _wallView?.Focus;

    private Task OnWallChangedAsync(WallView? view)
    {
        _wallView = view;
        StateHasChanged();
        return Task.CompletedTask;
    }
}
