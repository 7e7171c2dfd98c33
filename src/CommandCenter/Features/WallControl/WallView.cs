using CommandCenter.Core.Cases;
using CommandCenter.Core.Walls;
using CommandCenter.Shared;

namespace CommandCenter.Features.WallControl;

/// <summary>What a wall shows while it follows a command: a title, where the map looks, and the panel's
/// content (a grid's or 片区's open cases and team, or one case's timeline). Everything is masked.</summary>
public sealed record WallView(
    WallCommand Command,
    string Title,
    string? Subtitle,
    MapFocus? Focus,
    IReadOnlyList<WallCaseLine> Cases,
    int OpenCount,
    WallTeam? Team,
    CaseDetail? Spotlight);

/// <summary>An open case as the wall's focus panel lists it (title masked).</summary>
public sealed record WallCaseLine(long Id, string Title, string Category, string Status, int Priority, DateTimeOffset At, string? GridName);

/// <summary>A grid's 1+1+N team as the wall may show it: the two cadres and the number of volunteers
/// (volunteers are residents: never their names).</summary>
public sealed record WallTeam(string? Cadre, string? CommunityCadre, int Volunteers);
