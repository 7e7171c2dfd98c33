using CommandCenter.Core.Scorecards;

namespace CommandCenter.Tests.Scorecards;

public sealed class ScorecardRulesTests
{
    [Fact]
    public void The_seeded_default_rules_are_valid_and_sum_to_100()
    {
        var json = File.ReadAllText(Path.Combine(Infrastructure.TestCluster.RepoRoot, "src/CommandCenter.Core/Data/Migrations/0110_scorecards.sql"));
        var start = json.IndexOf("$json$", StringComparison.Ordinal) + 6;
        var d = ScorecardDefinition.FromJson(json[start..json.IndexOf("$json$", start, StringComparison.Ordinal)]);

        Assert.Empty(ScorecardRules.Validate(d));
        Assert.Equal(100m, d.FullMarks);
        Assert.Equal(9, d.Items.Count);
    }

    [Fact]
    public void Every_problem_names_the_item_and_what_is_wrong()
    {
        var d = new ScorecardDefinition
        {
            Items =
            [
                new ScoreItem { Metric = ScoreMetric.OnTimeRate, Name = "按期办结率", Weight = 60 },
                new ScoreItem { Metric = ScoreMetric.SignHours, Name = "签收", Weight = 30, TargetHours = 0 },
                new ScoreItem { Metric = ScoreMetric.Returns, Name = "退回", PerCase = 1, Cap = -2 },
                new ScoreItem { Metric = ScoreMetric.Returns, Name = " ", PerCase = 0, Cap = 1 },
            ],
            FocusCount = -1,
        };

        var problems = ScorecardRules.Validate(d);

        Assert.Contains("第 2 项「签收」：目标签收时长须大于 0 小时", problems);
        Assert.Contains("第 3 项「退回」：扣分上限不能小于 0", problems);
        Assert.Contains("第 4 项「退回件」：名称不能为空", problems);
        Assert.Contains("第 4 项「退回件」：指标「退回件」重复，每个指标只能出现一次", problems);
        Assert.Contains("第 4 项「退回件」：每件扣分须大于 0", problems);
        Assert.Contains("计分项权重合计须为 100（当前合计 90）", problems);
        Assert.Contains("重点管理单位数须在 0 到 50 之间", problems);
    }
}
