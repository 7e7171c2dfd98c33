using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Core.Security;

/// <summary>Security settings (section "Security"). The defaults are the MLPS level-3 expectations the
/// product was built for; tests shorten the revalidation interval.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Consecutive failed logins for one name from one address that lock the name from that address.</summary>
    [Range(1, 100)] public int LockoutThreshold { get; set; } = 5;

    /// <summary>Failed logins for one name from all addresses within <see cref="LockoutMinutes"/> that lock it for
    /// every address it has never signed in from (see <see cref="LoginThrottle"/>).</summary>
    [Range(1, 10_000)] public int AccountLockoutThreshold { get; set; } = 20;

    [Range(1, 24 * 60)] public int LockoutMinutes { get; set; } = 15;

    /// <summary>A person's session ends after this long without activity. Screens have no idle timeout.</summary>
    [Range(1, 24 * 60)] public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>How often open Blazor circuits and hub connections re-check their session, i.e. how
    /// quickly a revoked kiosk or an ended session is dropped from a live screen.</summary>
    [Range(1, 300)] public int RevalidationSeconds { get; set; } = 5;

    /// <summary>Login form submissions (and page loads) per client address per minute.</summary>
    [Range(1, 10_000)] public int LoginPermitsPerMinute { get; set; } = 20;

    /// <summary>Ingest requests per API key (or address, without a key) per second.</summary>
    [Range(1, 100_000)] public int IngestPermitsPerSecond { get; set; } = 1000;

    /// <summary>Extra origins images may come from, e.g. an intranet 天地图 tile server for the map's
    /// optional base layer (the Content-Security-Policy allows only this site otherwise).</summary>
    public string[] ExtraImageSources { get; set; } = [];

    public TimeSpan LockoutDuration => TimeSpan.FromMinutes(LockoutMinutes);
    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);
    public TimeSpan RevalidationInterval => TimeSpan.FromSeconds(RevalidationSeconds);
}
