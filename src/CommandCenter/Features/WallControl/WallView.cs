using CommandCenter.Core.Cases;
using CommandCenter.Core.Roster;
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
    GridPeople? Team,
    CaseDetail? Spotlight);

/// <summary>An open case as the wall's focus panel lists it (title masked).</summary>
public sealed record WallCaseLine(long Id, string Title, string Category, string Status, int Priority, DateTimeOffset At, string? GridName);
