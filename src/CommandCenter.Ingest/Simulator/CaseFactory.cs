using Bogus;

namespace CommandCenter.Ingest.Simulator;

/// <summary>Makes plausible cases: the seed categories with their typical wording, the channels in
/// realistic shares, residents' names and phones (zh_CN), and a life plan — most cases are dispatched
/// within the hour and fed back within their time limit, about one in twenty runs late, fewer than one
/// in a hundred stall (the seed's closure rate is 99.3%);
/// callbacks are mostly 满意; disputes often go to mediation, mostly resolved in the grid or community.
/// Detours at the rates of a working centre (tests check them over a seeded backfill): about 4% are
/// dispatched to the wrong unit first and returned (退回), 3% of feedbacks are sent back (驳回重办), 5% of
/// callbacks are 不满意 and reopen the case, a quarter of those are 不满意 again (→ 纠风办), and about 4% of
/// reports are duplicates from a second channel that an officer merges. Deadlines run at the same pace as
/// the cases (the time limit divided by <c>pace</c>), so a live demo's 按期办结率 is as real as the backfill's.
/// A case found on patrol (网格员巡查) names the worker of its grid when <c>workerOfGrid</c> is given.</summary>
public sealed class CaseFactory(SimWorld world, int seed, double pace = 1, IReadOnlyDictionary<string, string>? workerOfGrid = null)
{
    private readonly Random _random = new(seed);
    private readonly Faker _faker = new("zh_CN") { Random = new Randomizer(seed) };
    private long _sequence;

    private static readonly (string Channel, double Weight)[] Channels =
    [
        ("网格员巡查", 45), ("12345热线", 20), ("红管家民情日记", 12), ("群众来访", 8), ("部门移交", 6), ("视频告警", 6), ("民主议事厅", 3),
    ];

    private static readonly Dictionary<string, (double Weight, string Assignee, string[] Titles)> Kinds = new()
    {
        ["drainpipe"] = (8, "zhujian", ["落水管老化破裂", "楼道落水管断裂漏水", "外墙落水管脱落"]),
        ["sewer"] = (9, "wuye", ["下水道堵塞", "小区雨污管道堵塞外溢", "化粪井返水"]),
        ["septic"] = (4, "wuye", ["化粪池满溢", "化粪池异味严重"]),
        ["property"] = (9, "wuye", ["物业服务纠纷", "物业费争议", "电梯维修费用分摊纠纷"]),
        ["parking"] = (12, "chengguan", ["小区停车难", "消防通道违停", "非机动车乱停放"]),
        ["dog"] = (5, "gongan", ["养狗扰民纠纷", "犬只未拴绳", "楼道犬类粪便"]),
        ["noise"] = (7, "grid", ["空调外机夜间噪音", "邻里装修噪音", "广场舞噪音扰民"]),
        ["sanitation"] = (14, "chengguan", ["垃圾分类不到位", "垃圾堆放未清运", "楼道堆物"]),
        ["group_rental"] = (3, "gongan", ["疑似群租房", "出租房人员混杂"]),
        ["safety"] = (6, "xiaofang", ["电动车楼道充电", "燃气管道老化", "消防栓损坏"]),
        ["public_order"] = (4, "gongan", ["夜间聚集滋事", "可疑人员出没"]),
        ["illegal_build"] = (4, "chengguan", ["违章搭建阳光房", "屋顶违建"]),
        ["assistance"] = (5, "minzheng", ["困难群众帮扶", "独居老人微心愿", "残疾人救助申请"]),
        ["dispute"] = (6, "sifa", ["邻里矛盾纠纷", "家庭矛盾调解", "土地边界纠纷"]),
    };

    private static readonly string[] Satisfactions = ["满意", "基本满意", "不满意"];

    // Where a case goes when the first 分流 picked the wrong unit.
    private static readonly string[] Departments = ["zhujian", "chengguan", "gongan", "shichang", "wuye", "xiaofang", "minzheng", "sifa"];

    public const double ReturnRate = 0.04, ReworkRate = 0.03, UnsatisfiedRate = 0.05, UnsatisfiedAgainRate = 0.25, DuplicateRate = 0.04;

    public SimCase Next(DateTimeOffset reportedAt, string prefix)
    {
        var grid = world.PickGrid(_random);
        var point = grid.Points[_random.Next(grid.Points.Length)];
        var kinds = Kinds.Where(k => world.Categories.Any(c => c.Code == k.Key)).ToList();
        var kind = Pick(kinds.Select(k => (k, k.Value.Weight)).ToList());
        var category = world.CategoryByCode(kind.Key);
        var title = kind.Value.Titles[_random.Next(kind.Value.Titles.Length)];
        var channel = Pick(Channels.Select(c => (c.Channel, c.Weight)).ToList());
        var anonymous = channel is "视频告警" or "网格员巡查" && _random.NextDouble() < 0.6;
        var building = $"{_random.Next(1, 40)}幢{_random.Next(1, 5)}单元";
        var priority = category.Code == "safety" ? (_random.NextDouble() < 0.5 ? 1 : 2)
            : _random.NextDouble() switch { < 0.06 => 1, < 0.28 => 2, _ => 3 };
        var c = new SimCase
        {
            ExternalId = $"{prefix}-{reportedAt.ToUnixTimeSeconds():x}-{Interlocked.Increment(ref _sequence):x}",
            Channel = channel,
            Category = category,
            Title = title,
            Description = $"{grid.Community}{building}：{title}，{_faker.PickRandom("居民反映", "巡查发现", "来电反映", "群众来访反映")}，请尽快处理。",
            Address = $"雉城街道{grid.Community}{building}",
            Grid = grid.Code,
            Lon = Math.Round(point.Lon, 6),
            Lat = Math.Round(point.Lat, 6),
            ReporterName = anonymous ? null : _faker.Name.LastName() + _faker.Name.FirstName(),
            ReporterPhone = anonymous ? null : "1" + _faker.PickRandom("38", "39", "58", "59", "88", "35", "37") + _faker.Random.ReplaceNumbers("########"),
            // Found on patrol: reported by the grid's worker (the roster links the case to them).
            WorkerId = channel == "网格员巡查" ? workerOfGrid?.GetValueOrDefault(grid.Code) : null,
            Priority = priority,
            ReportedAt = reportedAt,
            Assignee = kind.Value.Assignee == "grid" ? grid.Code : kind.Value.Assignee,
            TimeLimit = TimeSpan.FromHours(category.TimeLimitHours / pace),
        };
        Plan(c, reportedAt);
        return c;
    }

    /// <summary>Now and then (<see cref="DuplicateRate"/>) the same problem is reported again through another
    /// channel a little later; an officer merges it into <paramref name="primary"/>. Null most of the time.</summary>
    public SimCase? Duplicate(SimCase primary)
    {
        if (_random.NextDouble() >= DuplicateRate) return null;
        var reported = primary.ReportedAt + TimeSpan.FromMinutes((10 + 110 * _random.NextDouble()) / pace);
        var channel = Pick(Channels.Where(ch => ch.Channel != primary.Channel).Select(ch => (ch.Channel, ch.Weight)).ToList());
        return new SimCase
        {
            ExternalId = primary.ExternalId + "-dup",
            Channel = channel,
            Category = primary.Category,
            Title = primary.Title,
            Description = $"{primary.Description}（{channel}再次反映）",
            Address = primary.Address,
            Grid = primary.Grid,
            Lon = primary.Lon,
            Lat = primary.Lat,
            ReporterName = _faker.Name.LastName() + _faker.Name.FirstName(),
            ReporterPhone = "1" + _faker.PickRandom("38", "39", "58", "59") + _faker.Random.ReplaceNumbers("########"),
            WorkerId = channel == "网格员巡查" ? workerOfGrid?.GetValueOrDefault(primary.Grid) : null,
            Priority = primary.Priority,
            ReportedAt = reported,
            TimeLimit = primary.TimeLimit,
            DuplicateOf = primary.ExternalId,
            MergeAt = reported + TimeSpan.FromMinutes((15 + 75 * _random.NextDouble()) / pace),
        };
    }

    /// <summary>Continues a case read back from the database (a simulator restart): milestones it
    /// already passed stay, the rest are planned from <paramref name="now"/>.</summary>
    public SimCase Resume(SimCase c, DateTimeOffset now)
    {
        c.TimeLimit = TimeSpan.FromHours(c.Category.TimeLimitHours / pace);
        // Open with a 不满意 回访 on record: reopened, so a new feedback and 回访 are still to come.
        if (c.Satisfaction == Satisfactions[2]) (c.CallbackAt, c.Satisfaction) = (null, null);
        Plan(c, now, fresh: false);
        return c;
    }

    /// <summary>Times are divided by <c>pace</c> in live mode so a case moves along in minutes, not days.
    /// Milestones already set are kept; missing ones are planned from no earlier than <paramref name="notBefore"/>.
    /// Detours and mediations are planned for <paramref name="fresh"/> cases only (not for a resumed one,
    /// whose past the simulator no longer knows).</summary>
    private void Plan(SimCase c, DateTimeOffset notBefore, bool fresh = true)
    {
        TimeSpan Minutes(double m) => TimeSpan.FromMinutes(m / pace);
        DateTimeOffset From(DateTimeOffset? previous) => previous > notBefore ? previous.Value : notBefore;
        var limit = c.Category.TimeLimitHours * 60.0;
        c.DispatchAt ??= From(c.ReportedAt) + Minutes(5 + 60 * _random.NextDouble() * (c.Priority == 1 ? 0.2 : 1));
        if (fresh && c.Assignee is { } right && _random.NextDouble() < ReturnRate)
        {
            // 退回: the first unit says it is not theirs; the officer re-dispatches to the right one.
            c.FirstDispatchAt = c.DispatchAt;
            c.FirstAssignee = Departments.Where(d => d != right).ElementAt(_random.Next(Departments.Length - 1));
            c.ReturnAt = c.FirstDispatchAt + Minutes(15 + 120 * _random.NextDouble());
            c.DispatchAt = c.ReturnAt + Minutes(5 + 40 * _random.NextDouble());
        }
        c.StartAt ??= From(c.DispatchAt) + Minutes(10 + 110 * _random.NextDouble());
        var roll = _random.NextDouble();
        if (roll < 0.008 && c.FeedbackAt is null) { c.StartAt = c.StartAt <= notBefore ? c.StartAt : null; return; }   // stalls: becomes overdue
        var handling = roll < 0.06 ? limit * (1.1 + 1.4 * _random.NextDouble())   // late
                                   : limit * (0.05 + 0.8 * _random.NextDouble());
        c.FeedbackAt ??= From(c.DispatchAt) + Minutes(Math.Max(handling, 30));
        if (fresh && _random.NextDouble() < ReworkRate)
        {
            // 驳回重办: the officer finds the feedback wanting (no photo, not fixed) and sends it back.
            c.FirstFeedbackAt = c.FeedbackAt;
            c.ReworkAt = c.FirstFeedbackAt + Minutes(20 + 100 * _random.NextDouble());
            c.FeedbackAt = c.ReworkAt + Minutes(Math.Max(limit * 0.3 * _random.NextDouble(), 30));
        }
        c.CallbackAt ??= From(c.FeedbackAt) + Minutes(60 + 600 * _random.NextDouble());
        if (fresh && c.Satisfaction is null && _random.NextDouble() < UnsatisfiedRate)
        {
            // 不满意 reopens the case for rectification against a fresh time limit; again 不满意 → 纠风办.
            var rounds = _random.NextDouble() < UnsatisfiedAgainRate ? 2 : 1;
            for (var i = 0; i < rounds; i++)
            {
                c.Unsatisfied.Add((c.FeedbackAt!.Value, c.CallbackAt!.Value));
                c.FeedbackAt = c.CallbackAt + Minutes(Math.Max(limit * (0.1 + 0.6 * _random.NextDouble()), 30));
                c.CallbackAt = c.FeedbackAt + Minutes(60 + 600 * _random.NextDouble());
            }
        }
        // The final callback: 不满意 only ever happens in a reopening round above.
        c.Satisfaction ??= _random.NextDouble() < 0.86 ? Satisfactions[0] : Satisfactions[1];
        c.CloseAt ??= From(c.CallbackAt) + Minutes(5 + 60 * _random.NextDouble());
        if (fresh && c.Category.IsDispute && _random.NextDouble() < 0.7) c.Mediation = Mediation(c);
    }

    private SimMediation Mediation(SimCase c)
    {
        var level = _random.NextDouble() switch { < 0.55 => "网格", < 0.85 => "社区", < 0.97 => "街道", _ => "区" };
        var mediator = level switch
        {
            "网格" => _faker.PickRandom("红管家", "人民调解员"),
            "社区" => _faker.PickRandom("人民调解员", "一律两员三官五老"),
            "街道" => _faker.PickRandom("行业调委会", "人民调解员"),
            _ => "民主议事厅",
        };
        var outcome = _random.NextDouble() switch { < 0.82 => "调解成功", < 0.92 => "部分达成", _ => "调解失败" };
        var started = c.StartAt ?? c.DispatchAt!.Value;
        return new SimMediation("med-" + c.ExternalId, mediator, _faker.PickRandom("坐诊", "问诊", "急诊", "会诊", "复诊"), level,
            started, c.FeedbackAt, outcome, outcome == "调解失败" ? _faker.PickRandom("转诉讼", "转信访") : null,
            outcome == "调解失败" ? null : $"经{mediator}调解，双方就“{c.Title}”达成{(outcome == "调解成功" ? "一致" : "部分")}意见。");
    }

    private T Pick<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var x = _random.NextDouble() * items.Sum(i => i.Weight);
        foreach (var (item, weight) in items)
            if ((x -= weight) <= 0) return item;
        return items[^1].Item;
    }
}
