using NetTopologySuite.Geometries;

namespace CommandCenter.Core.Geo;

/// <summary>A grid's 1+1+N team: 1 机关干部 (cadre), 1 社区干部 (community cadre), N 志愿者. Serialised
/// with the keys of the grids.team column: {"cadre":..,"community":..,"volunteers":[..]}.</summary>
internal sealed record GridTeam(string Cadre, string Community, string[] Volunteers);

/// <summary>One grid as the generator made it, before it is written as a GeoJSON feature.</summary>
internal sealed record GeneratedGrid(
    string Code, string Name, string CommunityCode, string Community, string CommunityKind,
    string RegionCode, string Region, int Households, int Population, GridTeam Team, Geometry Geometry);
