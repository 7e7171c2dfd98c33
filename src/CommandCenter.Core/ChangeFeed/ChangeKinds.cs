namespace CommandCenter.Core.ChangeFeed;

/// <summary>The <c>change_log.kind</c> of every writer. The strings are stored and read by SQL and tests,
/// so they never change; code compares these constants (or, better, the typed payloads), never literals.</summary>
public static class ChangeKinds
{
    /// <summary>A batch of incidents from ingest (new cases or source updates): <see cref="IncidentsChange"/>.</summary>
    public const string Incidents = "incidents";

    /// <summary>A batch of grid workers' patrol events: <see cref="PatrolsChange"/>.</summary>
    public const string Patrols = "patrols";

    /// <summary>A batch of 调解 records: <see cref="MediationsChange"/>.</summary>
    public const string Mediations = "mediations";

    /// <summary>A duty officer's action on cases, a phone-in registration or an automatic 督办 run: <see cref="CaseActionChange"/>.</summary>
    public const string CaseAction = "case-action";

    /// <summary>A grid import replaced the grids: <see cref="GridsChange"/>.</summary>
    public const string Grids = "grids";

    /// <summary>An administrator edited categories or time limits: <see cref="CategoriesChange"/>.</summary>
    public const string Categories = "categories";

    /// <summary>Notices to handling units (催办 / 督办 / 临期 / 批示) created or read: <see cref="NoticesChange"/>.</summary>
    public const string Notices = "notices";

    /// <summary>The duty roster was edited or a shift handover signed: <see cref="DutyChange"/>.</summary>
    public const string Duty = "duty";
    /// <summary>A command from the duty desk to the walls was sent or released: <see cref="WallCommandChange"/>.</summary>
    public const string WallCommand = "wall-command";

    /// <summary>A 专项任务 was created, ended, shown on the walls, or a grid reported progress: <see cref="CampaignChange"/>.</summary>
    public const string Campaign = "campaign";
}
