using System.Globalization;
using CommandCenter.Core.Roster;
using CsvHelper;

namespace CommandCenter.Features.Roster;

/// <summary>Reads a roster CSV (header 姓名,工号,手机,角色,网格,起始日期,终止日期; 网格 lists codes or names separated
/// by 、 ; or |) into checked rows and a problem per refused line, naming the line and what is wrong. Only the
/// shape of each line is judged here; grids and worker ids against the database are the store's part.</summary>
public static class RosterCsv
{
    public static readonly string[] Header = ["姓名", "工号", "手机", "角色", "网格", "起始日期", "终止日期"];

    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',', HasHeader = true, SkipEmptyLines = true, TrackLineNumbers = true, AllowLineBreaksInQuotes = false,
        FieldCountMismatch = CsvFieldCountHandling.Allow, MalformedData = CsvMalformedDataHandling.Recover,
    };

    public static (IReadOnlyList<RosterRow> Rows, IReadOnlyList<RosterProblem> Problems) Parse(TextReader reader)
    {
        var rows = new List<RosterRow>();
        var problems = new List<RosterProblem>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        using var csv = CsvReader.Create(reader, Options, leaveOpen: true);
        Dictionary<string, int>? columns = null;
        while (csv.Read())
        {
            if (columns is null)
            {
                columns = csv.Headers.Select((h, i) => (h.Trim().TrimStart('\uFEFF'), i)).ToDictionary(x => x.Item1, x => x.i);
                var missing = Header.Take(5).Where(h => !columns.ContainsKey(h)).ToList();
                if (missing.Count > 0)
                    return ([], [new RosterProblem(1, $"表头缺少列：{string.Join("、", missing)}（应为 {string.Join(",", Header)}）", string.Join(",", csv.Headers))]);
            }
            var line = checked((int)csv.LineNumber);
            string Cell(string name) => columns.TryGetValue(name, out var i) && i < csv.FieldCount ? csv.GetString(i).Trim() : "";
            var raw = string.Join(",", Enumerable.Range(0, csv.FieldCount).Select(csv.GetString));
            var (row, problem) = Check(line, Cell("姓名"), Cell("工号"), Cell("手机"), Cell("角色"), Cell("网格"), Cell("起始日期"), Cell("终止日期"));
            if (problem is null && row!.WorkerId is { } w && !ids.TryAdd(w, line)) problem = $"工号 {w} 与第 {ids[w]} 行重复";
            if (problem is null) rows.Add(row!);
            else problems.Add(new RosterProblem(line, problem, raw));
        }
        if (columns is null) problems.Add(new RosterProblem(1, "文件为空：第一行应为表头 " + string.Join(",", Header), ""));
        return (rows, problems);
    }

    private static (RosterRow? Row, string? Problem) Check(int line, string name, string workerId, string phone, string role, string grids,
        string from, string to)
    {
        if (name.Length == 0) return (null, "姓名为空");
        if (name.Length > 40) return (null, "姓名超过 40 字");
        if (!RosterPerson.TeamRoles.Contains(role)) return (null, $"角色「{role}」不对，应为 {string.Join("、", RosterPerson.TeamRoles)} 之一");
        if (role == "专职网格员" && workerId.Length == 0) return (null, "专职网格员须填写工号（巡查记录里的网格员编号）");
        var phoneDigits = new string(phone.Where(char.IsDigit).ToArray());
        if (phone.Length > 0 && !(phoneDigits.Length == 11 && phoneDigits[0] == '1')) return (null, $"手机号「{phone}」不是 11 位手机号");
        var gridList = grids.Split(['、', ';', '；', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (gridList.Length == 0) return (null, "网格为空：至少填一个网格代码或名称");
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            return (null, $"起始日期「{from}」格式不对，应为 yyyy-MM-dd");
        DateOnly? end = null;
        if (to.Length > 0)
        {
            if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e))
                return (null, $"终止日期「{to}」格式不对，应为 yyyy-MM-dd 或留空");
            if (e < start) return (null, "终止日期早于起始日期");
            end = e;
        }
        return (new RosterRow(line, workerId.Length == 0 ? null : workerId, name, phone.Length == 0 ? null : phoneDigits, role, gridList, start, end), null);
    }
}
