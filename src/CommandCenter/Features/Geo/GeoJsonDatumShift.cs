using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Core.Geo.Datums;

namespace CommandCenter.Features.Geo;

/// <summary>Shifts every coordinate of a GeoJSON text from WGS-84 into a Chinese base map's system, for
/// display only. Server-side rather than in the browser: one implementation (Core's, tested against
/// published reference pairs), paid once per grid import and cached, and the wall's JavaScript stays
/// free of geodesy.</summary>
internal static class GeoJsonDatumShift
{
    public static string Apply(string geoJson, MapDatum datum)
    {
        if (datum == MapDatum.Wgs84) return geoJson;
        var root = JsonNode.Parse(geoJson)!;
        Walk(root, datum);
        return root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static void Walk(JsonNode? node, MapDatum datum)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "coordinates") ShiftPositions(value, datum);
                    else if (key is "geometry" or "features" or "geometries") Walk(value, datum);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Walk(item, datum);
                break;
        }
    }

    // A position is an array whose first element is a number; anything else nests positions.
    private static void ShiftPositions(JsonNode? node, MapDatum datum)
    {
        if (node is not JsonArray array || array.Count == 0) return;
        if (array[0] is JsonValue && array.Count >= 2)
        {
            var (lon, lat) = ChineseDatums.FromWgs84(datum, array[0]!.GetValue<double>(), array[1]!.GetValue<double>());
            array[0] = Math.Round(lon, 7);
            array[1] = Math.Round(lat, 7);
            return;
        }
        foreach (var child in array) ShiftPositions(child, datum);
    }
}
