using CommandCenter.Shared;

namespace CommandCenter.Features.Screen;

// 专项任务 on the wall (issue 15): while a desk has a campaign on the walls, the map colours grids by its progress.
public sealed partial class Screen
{
    private MapLayer? _campaignLayer;

    private void OnCampaignLayerChanged(MapLayer? layer) => _campaignLayer = layer;
}
