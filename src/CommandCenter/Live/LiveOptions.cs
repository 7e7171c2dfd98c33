using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Live;

public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>Least time between the starts of two refreshes: a burst of changes becomes a few snapshots (and
    /// renders). 100 ms: the wall's ingest → screen budget is 250 ms at p99 (issue 17), and a change waits up to
    /// this interval plus one refresh before it is read; the refresh itself is bounded by the open cases and
    /// today's volume, not the history (0170's indexes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromMilliseconds(100);

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

    /// <summary>The coordinate system the base layer's tiles are drawn in: <c>wgs84</c> (天地图, OSM), <c>gcj02</c>
    /// (高德, 腾讯) or <c>bd09</c> (百度). Grids, cases and workers are stored in WGS-84 and shifted for display
    /// only, so they line up with the tiles' roads. Ignored without <see cref="BaseLayerUrl"/>.</summary>
    [RegularExpression("(?i)^(wgs-?84|gcj-?02|bd-?09)$", ErrorMessage = "Live:BaseLayerCrs must be wgs84, gcj02 or bd09")]
    public string BaseLayerCrs { get; set; } = "wgs84";

    /// <summary>Where the map fetches geometry (once, by URL; live updates never resend it).</summary>
    public string GridsUrl { get; set; } = "/api/geo/grids";
    public string CommunitiesUrl { get; set; } = "/api/geo/communities";
    public string RegionsUrl { get; set; } = "/api/geo/regions";
}
