using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommandCenter.Core.ChangeFeed;

/// <summary>The one place that knows which record belongs to which kind and how it looks as JSON, so a
/// writer cannot append a payload under the wrong kind and every reader sees the same shape.</summary>
public static class ChangePayloadJson
{
    public static string KindOf(ChangePayload payload) => payload switch
    {
        IncidentsChange => ChangeKinds.Incidents,
        PatrolsChange => ChangeKinds.Patrols,
        MediationsChange => ChangeKinds.Mediations,
        CaseActionChange => ChangeKinds.CaseAction,
        GridsChange => ChangeKinds.Grids,
        CategoriesChange => ChangeKinds.Categories,
        NoticesChange => ChangeKinds.Notices,
        DutyChange => ChangeKinds.Duty,
        WallCommandChange => ChangeKinds.WallCommand,
        CampaignChange => ChangeKinds.Campaign,
        _ => throw new ArgumentException($"{payload.GetType().Name} has no change kind", nameof(payload)),
    };

    public static string Serialize(ChangePayload payload) =>
        JsonSerializer.Serialize(payload, payload.GetType(), ChangePayloadJsonContext.Default);

    /// <summary>The typed payload of a stored entry, or null for an unknown kind or a body that does not
    /// fit its kind (missing or null fields). Never throws on stored data: one odd row must not stop the feed.</summary>
    public static ChangePayload? Deserialize(string kind, string json)
    {
        var type = kind switch
        {
            ChangeKinds.Incidents => typeof(IncidentsChange),
            ChangeKinds.Patrols => typeof(PatrolsChange),
            ChangeKinds.Mediations => typeof(MediationsChange),
            ChangeKinds.CaseAction => typeof(CaseActionChange),
            ChangeKinds.Grids => typeof(GridsChange),
            ChangeKinds.Categories => typeof(CategoriesChange),
            ChangeKinds.Notices => typeof(NoticesChange),
            ChangeKinds.Duty => typeof(DutyChange),
            ChangeKinds.WallCommand => typeof(WallCommandChange),
            ChangeKinds.Campaign => typeof(CampaignChange),
            _ => null,
        };
        if (type is null) return null;
        try
        {
            return (ChangePayload?)JsonSerializer.Deserialize(json, type, ChangePayloadJsonContext.Default);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

// Source-generated: no reflection on the listener's hot path. Strict on reading (a missing or null field
// is a body that does not fit its kind) so a typed reader never meets a null list.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(IncidentsChange))]
[JsonSerializable(typeof(PatrolsChange))]
[JsonSerializable(typeof(MediationsChange))]
[JsonSerializable(typeof(CaseActionChange))]
[JsonSerializable(typeof(GridsChange))]
[JsonSerializable(typeof(CategoriesChange))]
[JsonSerializable(typeof(NoticesChange))]
[JsonSerializable(typeof(DutyChange))]
[JsonSerializable(typeof(WallCommandChange))]
[JsonSerializable(typeof(CampaignChange))]
internal sealed partial class ChangePayloadJsonContext : JsonSerializerContext;
