using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Core.Data;

/// <summary>Where the system of record lives. Bound from <c>ConnectionStrings:CommandCenter</c>
/// (environment variable <c>ConnectionStrings__CommandCenter</c>).</summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "CommandCenter";

    [Required(ErrorMessage = "No database configured: set ConnectionStrings__CommandCenter (or ConnectionStrings:CommandCenter in appsettings), or start the apps with ./run.sh, which runs a local PostGIS.")]
    public string ConnectionString { get; set; } = "";
}
