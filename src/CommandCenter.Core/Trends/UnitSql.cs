namespace CommandCenter.Core.Trends;

/// <summary>How the units cases are dispatched to are grouped for 考核: each department on its own; the
/// 133 grid teams and the 村居 as one line each (they are compared in the area tables); undispatched cases
/// as 未分流. SQL fragments over an assignee column.</summary>
internal static class UnitSql
{
    public static string Joins(string column) => $"""
        LEFT JOIN departments ud ON ud.code = {column}
        LEFT JOIN grids ug ON ug.code = {column}
        LEFT JOIN communities uc ON uc.code = {column}
        """;

    public static string Key(string column) => $"""
        CASE WHEN ud.code IS NOT NULL THEN ud.code WHEN ug.code IS NOT NULL THEN '网格'
             WHEN uc.code IS NOT NULL THEN '村居' ELSE coalesce({column}, '') END
        """;

    public static string Name(string column) => $"""
        CASE WHEN ud.code IS NOT NULL THEN ud.name WHEN ug.code IS NOT NULL THEN '网格团队（合计）'
             WHEN uc.code IS NOT NULL THEN '村居（合计）' WHEN coalesce({column}, '') = '' THEN '未分流' ELSE {column} END
        """;
}
