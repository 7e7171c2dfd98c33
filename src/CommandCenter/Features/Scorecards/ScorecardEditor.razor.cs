using CommandCenter.Core.Scorecards;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Scorecards;

/// <summary>/admin/scorecard: the administrator edits the scorecard's items, weights, rules and list sizes.
/// The form is a copy of the newest version; 保存 checks it with <see cref="ScorecardRules"/> (every problem
/// listed in Chinese, nothing stored) and stores it as the next version with its audit line.</summary>
public sealed partial class ScorecardEditor
{
    [Inject] private ScorecardStore Store { get; set; } = null!;
    [Inject] private CurrentActor Actor { get; set; } = null!;
    [Inject] private ILogger<ScorecardEditor> Logger { get; set; } = null!;

    private ScorecardVersion? _current;
    private IReadOnlyList<ScorecardVersion> _versions = [];
    private List<EditItem> _items = [];
    private int _focusCount;
    private int _listCount;
    private string _note = "";
    private string? _toAdd;
    private string? _saved;
    private IReadOnlyList<string> _problems = [];
    private bool _busy;

    private decimal WeightSum => _items.Where(i => !ScoreMetric.IsDeduction(i.Metric)).Sum(i => i.Weight ?? 0);

    private IReadOnlyList<string> Unused => [.. ScoreMetric.All.Where(m => _items.All(i => i.Metric != m))];

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _versions = await Store.ListAsync(CancellationToken.None);
        _current = _versions.FirstOrDefault();
        Reset();
    }

    private void Reset()
    {
        var d = _current?.Definition ?? new ScorecardDefinition();
        _items = [.. d.Items.Select(EditItem.From)];
        (_focusCount, _listCount, _note, _problems) = (d.FocusCount, d.ListCount, "", []);
    }

    private void Add()
    {
        if (_toAdd is not { } m) return;
        _items.Add(new EditItem
        {
            Metric = m, Name = ScoreMetric.Label(m),
            Weight = ScoreMetric.IsDeduction(m) ? null : 0, PerCase = ScoreMetric.IsDeduction(m) ? 1 : null,
            Cap = ScoreMetric.IsDeduction(m) ? 10 : null, TargetHours = m == ScoreMetric.SignHours ? 2 : null,
        });
        _toAdd = null;
    }

    private ScorecardDefinition Draft() => new()
    {
        Items = [.. _items.Select(i => i.ToItem())],
        FocusCount = _focusCount,
        ListCount = _listCount,
    };

    private async Task SaveAsync()
    {
        _saved = null;
        var draft = Draft();
        _problems = ScorecardRules.Validate(draft);
        if (_problems.Count > 0 || _current is null) return;
        _busy = true;
        try
        {
            var saved = await Store.SaveAsync(draft, _note, _current.Version, await Actor.GetAsync(), CancellationToken.None);
            await LoadAsync();
            _saved = $"已保存为第 {saved.Version} 版。排名与未发布的通报即按新版本计算；已发布的通报不变。";
        }
        catch (ScorecardInvalidException ex)
        {
            _problems = ex.Problems;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            Logger.LogError(ex, "Saving the scorecard failed");
            _problems = ["数据库暂时无法访问，考核细则未保存；页面上的修改仍在，请稍后再点保存。"];
        }
        finally
        {
            _busy = false;
        }
    }

    private static Dictionary<string, object> Attrs(string name, string label) => new() { ["name"] = name, ["aria-label"] = label };

    private static string Summary(ScorecardDefinition d) =>
        string.Join(" · ", d.Items.Select(i => i.IsDeduction ? $"{i.Name} -{i.PerCase:0.##}/件≤{i.Cap:0.##}" : $"{i.Name} {i.Weight:0.##}"))
        + $" · 重点管理 {d.FocusCount} · 红黑榜 {d.ListCount}";

    /// <summary>One row of the form (mutable while edited; <see cref="ToItem"/> makes the stored record).</summary>
    private sealed class EditItem
    {
        public string Metric { get; init; } = "";
        public string Name { get; set; } = "";
        public decimal? Weight { get; set; }
        public decimal? TargetHours { get; set; }
        public decimal? PerCase { get; set; }
        public decimal? Cap { get; set; }

        public static EditItem From(ScoreItem i) => new()
        {
            Metric = i.Metric, Name = i.Name, Weight = i.Weight, TargetHours = i.TargetHours, PerCase = i.PerCase, Cap = i.Cap,
        };

        public ScoreItem ToItem() => ScoreMetric.IsDeduction(Metric)
            ? new ScoreItem { Metric = Metric, Name = Name ?? "", PerCase = PerCase, Cap = Cap }
            : new ScoreItem { Metric = Metric, Name = Name ?? "", Weight = Weight, TargetHours = Metric == ScoreMetric.SignHours ? TargetHours : null };
    }
}
