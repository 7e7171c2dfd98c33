using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Live;

public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>Least time between two refreshes: a burst of changes becomes a few snapshots (and renders).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Refresh and publish at least this often with no changes: time moves cases into 超期, and screens
    /// use the heartbeat to tell "quiet" from "cut off".</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A screen marks its data "数据延迟" when it has had no fresh snapshot for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(12);

    [Range(1, 200)]
    public int RecentCases { get; set; } = 20;

    /// <summary>Optional raster base layer for the map (e.g. an intranet 天地图 service), "{z}/{x}/{y}" style.
    /// Empty: the grid polygons alone, no tile server needed.</summary>
    public string? BaseLayerUrl { get; set; }

    /// <summary>Where the map fetches geometry (once, by URL; live updates never resend it).</summary>
    public string GridsUrl { get; set; } = "/api/geo/grids";
    public string CommunitiesUrl { get; set; } = "/api/geo/communities";
    public string RegionsUrl { get; set; } = "/api/geo/regions";
}
