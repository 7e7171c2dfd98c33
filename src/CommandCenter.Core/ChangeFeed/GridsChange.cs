using System.Text.Json.Serialization;

namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.Grids"/>: a grid import replaced the grids. The names are snake_case
/// and <c>grids</c> is a count, as the first version wrote them (stored rows and SQL read them so).</summary>
public sealed record GridsChange(
    [property: JsonPropertyName("import_id")] long ImportId,
    [property: JsonPropertyName("grids")] int GridCount,
    [property: JsonPropertyName("sha256")] string Sha256) : ChangePayload;
