namespace CommandCenter.Core.Security;

/// <summary>The roles. Codes are ASCII (they travel in cookies, SQL checks and policies); the
/// Chinese labels are what people read.</summary>
public static class Roles
{
    /// <summary>大屏: a wall screen signed in with a kiosk credential; only /screen and /hubs/live, read-only.</summary>
    public const string Kiosk = "kiosk";
    /// <summary>值班员: works cases through the loop.</summary>
    public const string Officer = "officer";
    /// <summary>领导: reads trends and cases.</summary>
    public const string Leader = "leader";
    /// <summary>管理员: users, categories, grids, API keys, rejects, the audit log.</summary>
    public const string Admin = "admin";
    /// <summary>承办单位: an account bound to one handling unit (a department, a 村居 or a grid team,
    /// <c>users.unit_code</c>); signs for, handles and reports back on the cases dispatched to that unit.</summary>
    public const string Unit = "unit";
    /// <summary>网格员: a grid worker bound to a grid team (<c>users.unit_code</c>) and the grids they cover
    /// (<c>users.grid_codes</c>); works that team's cases like a 承办单位.</summary>
    public const string Worker = "worker";

    /// <summary>Roles a person (not a screen) can hold, in the order the admin UI lists them.</summary>
    public static readonly IReadOnlyList<string> People = [Officer, Leader, Admin, Unit, Worker];

    public static bool IsPersonRole(string? role) => role is Officer or Leader or Admin or Unit or Worker;

    /// <summary>Roles that act for a handling unit and therefore must be bound to one.</summary>
    public static bool IsUnitRole(string? role) => role is Unit or Worker;

    public static string Label(string? role) => role switch
    {
        Kiosk => "大屏",
        Officer => "值班员",
        Leader => "领导",
        Admin => "管理员",
        Unit => "承办单位",
        Worker => "网格员",
        _ => "未知",
    };
}
