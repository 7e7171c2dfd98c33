using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommandCenter.Core.Scorecards;

/// <summary>A scorecard as the administrator edits it and as <c>scorecard_versions.definition</c> stores it:
/// its items, how many units at the bottom are put under 重点管理 (<see cref="FocusCount"/>), and how many
/// units the 红榜 and 黑榜 of a bulletin name (<see cref="ListCount"/>).</summary>
public sealed record ScorecardDefinition
{
    public IReadOnlyList<ScoreItem> Items { get; init; } = [];
    public int FocusCount { get; init; } = 3;
    public int ListCount { get; init; } = 3;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ScorecardDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<ScorecardDefinition>(json, Json) ?? throw new JsonException("empty scorecard definition");

    /// <summary>The weight a unit can earn at most (the scored items' weights).</summary>
    [JsonIgnore]
    public decimal FullMarks => Items.Where(i => !i.IsDeduction).Sum(i => i.Weight ?? 0);
}
