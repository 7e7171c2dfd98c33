namespace CommandCenter.Core.Scorecards;

/// <summary>What a scorecard must satisfy before it is saved. Every problem is one Chinese sentence that says
/// which item (by number and name) and what is wrong, so the editor can list them all at once.</summary>
public static class ScorecardRules
{
    public const decimal FullMarks = 100;
    public const int MaxItems = 20;
    public const int MaxNameLength = 20;

    public static IReadOnlyList<string> Validate(ScorecardDefinition d)
    {
        var problems = new List<string>();
        if (d.Items.Count == 0) problems.Add("考核细则至少要有一项");
        if (d.Items.Count > MaxItems) problems.Add($"考核细则最多 {MaxItems} 项（当前 {d.Items.Count} 项）");
        for (var n = 0; n < d.Items.Count; n++)
        {
            var item = d.Items[n];
            var where = $"第 {n + 1} 项「{(string.IsNullOrWhiteSpace(item.Name) ? ScoreMetric.Label(item.Metric) : item.Name.Trim())}」";
            if (!ScoreMetric.IsKnown(item.Metric)) { problems.Add($"{where}：未知的考核指标「{item.Metric}」"); continue; }
            if (string.IsNullOrWhiteSpace(item.Name)) problems.Add($"{where}：名称不能为空");
            else if (item.Name.Trim().Length > MaxNameLength) problems.Add($"{where}：名称最多 {MaxNameLength} 个字");
            if (d.Items.Take(n).Any(o => o.Metric == item.Metric)) problems.Add($"{where}：指标「{ScoreMetric.Label(item.Metric)}」重复，每个指标只能出现一次");
            if (item.IsDeduction)
            {
                if (item.PerCase is not > 0) problems.Add($"{where}：每件扣分须大于 0");
                else if (item.PerCase > FullMarks) problems.Add($"{where}：每件扣分不能超过 {FullMarks} 分");
                if (item.Cap is null) problems.Add($"{where}：请填写扣分上限");
                else if (item.Cap < 0) problems.Add($"{where}：扣分上限不能小于 0");
                else if (item.Cap > FullMarks) problems.Add($"{where}：扣分上限不能超过 {FullMarks} 分");
            }
            else
            {
                if (item.Weight is not > 0) problems.Add($"{where}：权重须大于 0");
                if (item.Metric == ScoreMetric.SignHours && item.TargetHours is not > 0) problems.Add($"{where}：目标签收时长须大于 0 小时");
            }
        }
        var scored = d.Items.Where(i => ScoreMetric.IsKnown(i.Metric) && !i.IsDeduction).ToList();
        if (d.Items.Count > 0 && scored.Count == 0) problems.Add("至少要有一项计分项（按期办结率、满意率、结案率或签收时长）");
        else if (scored.Count > 0 && scored.Sum(i => i.Weight ?? 0) != FullMarks)
            problems.Add($"计分项权重合计须为 {FullMarks}（当前合计 {scored.Sum(i => i.Weight ?? 0):0.##}）");
        if (d.FocusCount is < 0 or > 50) problems.Add("重点管理单位数须在 0 到 50 之间");
        if (d.ListCount is < 1 or > 20) problems.Add("红榜、黑榜单位数须在 1 到 20 之间");
        return problems;
    }
}
