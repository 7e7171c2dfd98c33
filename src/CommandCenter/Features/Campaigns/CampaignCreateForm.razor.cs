using CommandCenter.Core.Campaigns;
using CommandCenter.Core.Cases;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Campaigns;

public sealed partial class CampaignCreateForm
{
    [Parameter, EditorRequired] public CaseLookups Lookups { get; set; } = null!;
    [Parameter] public EventCallback<long> Created { get; set; }
    [Parameter] public EventCallback Cancelled { get; set; }

    [Inject] private CampaignStore Store { get; set; } = null!;
    [Inject] private CurrentActor Actor { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    private sealed class CounterRow
    {
        public string? Label { get; set; }
        public int? Target { get; set; }
    }

    private enum Template { Qunzu, Laji }

    private string? _title, _description, _error;
    private DateOnly? _from, _to;
    private CampaignScope _scope = CampaignScope.All;
    private IReadOnlyCollection<string> _regions = [], _grids = [];
    private List<CounterRow> _counters = [new() { Label = "排查户数" }, new() { Label = "约谈" }, new() { Label = "整改" }];
    private bool _busy;

    protected override void OnInitialized()
    {
        var today = Campaign.Today(Clock.GetUtcNow());
        _from = today;
        _to = today.AddDays(29);
    }

    private string? RegionOf(CaseLookups.Item grid) => Lookups.Communities.FirstOrDefault(c => c.Code == grid.Parent)?.Parent;

    // The seeds' two campaigns: 群租整治 counts households found (认定), talked to (约谈) and rectified (整改);
    // 垃圾分类 counts households visited and those sorting properly.
    private void Use(Template t)
    {
        (_title, _description, _counters) = t switch
        {
            Template.Qunzu => ("群租整治", "逐户排查认定群租户，约谈房东和租户，督促自行整改。", new List<CounterRow>
                { new() { Label = "认定户数" }, new() { Label = "约谈" }, new() { Label = "整改" } }),
            _ => ("垃圾分类入户宣传", "党员联户入户宣传垃圾分类，检查分类投放情况。", new List<CounterRow>
                { new() { Label = "入户户数", Target = 150 }, new() { Label = "分类达标" } }),
        };
        _error = null;
    }

    private async Task SubmitAsync()
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var draft = new CampaignDraft(_title, _description, _from, _to, _scope, [.. _regions], [.. _grids],
                [.. _counters.Select(c => new CampaignCounterDraft(c.Label, c.Target))]);
            var (id, error) = await Store.CreateAsync(draft, await Actor.GetAsync(), CancellationToken.None);
            _error = error;
            if (id is { } created) await Created.InvokeAsync(created);
        }
        finally
        {
            _busy = false;
        }
    }
}
