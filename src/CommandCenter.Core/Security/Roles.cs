namespace CommandCenter.Core.Security;

/// <summary>The four roles. Codes are ASCII (they travel in cookies, SQL checks and policies); the
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

    /// <summary>Roles a person (not a screen) can hold, in the order the admin UI lists them.</summary>
    public static readonly IReadOnlyList<string> People = [Officer, Leader, Admin];

    public static bool IsPersonRole(string? role) => role is Officer or Leader or Admin;

    public static string Label(string? role) => role switch
    {
        Kiosk => "大屏",
        Officer => "值班员",
        Leader => "领导",
        Admin => "管理员",
        _ => "未知",
    };
}
