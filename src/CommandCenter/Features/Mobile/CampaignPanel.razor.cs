using System.Globalization;
using CommandCenter.Core.Campaigns;
using CommandCenter.Core.Security;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Mobile;

public sealed partial class CampaignPanel : IDisposable
{
    [Parameter, EditorRequired] public UnitBinding Binding { get; set; } = null!;
    [Parameter, EditorRequired] public string UserName { get; set; } = "";
    [Parameter, EditorRequired] public string DisplayName { get; set; } = "";

    [Inject] private CampaignStore Store { get; set; } = null!;
    [Inject] private CampaignProgress Progress { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    /// <summary>The source of reports made on the phone page (ingest senders use their key's source).</summary>
    public const string Source = "m";

    private IReadOnlyList<Campaign>? _campaigns;
    private Campaign? _campaign;
    private IReadOnlyList<CampaignGridRow> _grids = [];
    private CampaignGridRow? _grid;
    private string[] _inputs = [];
    private readonly HashSet<int> _bad = [];
    private string? _note, _verdict, _externalId;
    private bool _busy, _ok;
    private readonly CancellationTokenSource _stop = new();

    protected override async Task OnInitializedAsync()
    {
        _campaigns = await Store.RunningForGridsAsync(Binding.GridCodes, _stop.Token);
        if (_campaigns.Count > 0) await PickCampaignAsync(_campaigns[0]);
    }

    private async Task PickCampaignAsync(Campaign c)
    {
        _campaign = c;
        _inputs = new string[c.Counters.Count];
        _bad.Clear();
        _verdict = null;
        await LoadGridsAsync();
        _grid = _grids.Count == 1 ? _grids[0] : null;
    }

    private async Task LoadGridsAsync()
    {
        var mine = Binding.GridCodes.ToHashSet(StringComparer.Ordinal);
        _grids = [.. (await Store.GridsAsync(_campaign!.Id, _campaign.Counters.Count, _stop.Token)).Where(g => mine.Contains(g.GridCode))];
        if (_grid is not null) _grid = _grids.FirstOrDefault(g => g.GridCode == _grid.GridCode);
    }

    private void PickGrid(CampaignGridRow g)
    {
        _grid = g;
        _verdict = null;
    }

    private void SetInput(int ord, ChangeEventArgs e) => _inputs[ord] = e.Value?.ToString() ?? "";

    private async Task SubmitAsync()
    {
        if (_busy || _campaign is not { } c || _grid is not { } grid) return;
        _bad.Clear();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var k in c.Counters)
        {
            var text = (_inputs[k.Ord] ?? "").Trim();
            if (text.Length == 0) continue;
            // Full-width digits and minus (输入法) are read as the ordinary ones.
            var normal = new string([.. text.Normalize(System.Text.NormalizationForm.FormKC).Where(ch => ch != ' ')]).Replace('－', '-').Replace('−', '-');
            if (!int.TryParse(normal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                problems.Add($"「{k.Label}」请填整数（现在是“{text}”）");
                _bad.Add(k.Ord);
            }
            else if (n != 0) counts[k.Label] = n;
        }
        if (problems.Count > 0)
        {
            (_verdict, _ok) = ("未上报：" + string.Join("；", problems), false);
            return;
        }
        _busy = true;
        try
        {
            // One id per report, kept until it is stored: pressing again after a failure cannot count it twice.
            _externalId ??= $"m-{UserName}-{Guid.NewGuid():N}";
            var outcome = await Progress.ReportAsync(new CampaignReportDraft(c.Id, grid.GridCode, counts, Clock.GetUtcNow(),
                $"{DisplayName}（{UserName}）", Source, _externalId, _note, Binding.GridCodes), _stop.Token);
            switch (outcome.Status)
            {
                case CampaignReportStatus.Refused:
                    (_verdict, _ok) = ("未上报：" + outcome.Reason, false);
                    _externalId = null;
                    break;
                default:
                    var totals = outcome.Totals;
                    _externalId = null;
                    _inputs = new string[c.Counters.Count];
                    _note = null;
                    await LoadGridsAsync();
                    totals ??= _grid?.Totals;
                    (_verdict, _ok) = ($"已上报 {grid.GridName}。现累计：" + string.Join("，", c.Counters.Select(k => $"{k.Label} {totals![k.Ord]}")), true);
                    break;
            }
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            (_verdict, _ok) = ("未上报：暂时连不上服务器，填写的数字已保留，请稍后再按「上报进度」。", false);
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
