using CommandCenter.Core.Cases;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Cases;

/// <summary>The buttons and small forms that apply actions to one case. Every form opens from one key
/// (shown on its button), focuses its first field and submits with Ctrl+Enter (or Enter on the button).</summary>
public sealed partial class CaseActionPanel
{
    [Parameter, EditorRequired] public CaseDetail Detail { get; set; } = null!;
    [Parameter] public CaseLookups? Lookups { get; set; }
    [Parameter] public EventCallback OnChanged { get; set; }

    [Inject] private CaseActions Actions { get; set; } = null!;
    [Inject] private DutyOfficer Officer { get; set; } = null!;

    private static readonly Dictionary<string, string> Keys = new()
    {
        [CaseActionKind.Accept] = "a", [CaseActionKind.Dispatch] = "d", [CaseActionKind.Start] = "s",
        [CaseActionKind.Return] = "b", [CaseActionKind.Feedback] = "f", [CaseActionKind.Review] = "r",
        [CaseActionKind.Rework] = "x", [CaseActionKind.Callback] = "v", [CaseActionKind.Supervise] = "w",
        [CaseActionKind.Whistle] = "h", [CaseActionKind.CheckIn] = "i", [CaseActionKind.Report] = "p",
        [CaseActionKind.Merge] = "m", [CaseActionKind.MediationStart] = "t", [CaseActionKind.MediationEnd] = "t",
        [CaseActionKind.Urge] = "c",
    };

    private string? _open;
    private ElementReference _first;
    private bool _focusPending, _busy, _conflict;
    private string? _error, _done;
    private string? _note, _grid, _assignee, _department, _route;
    private string _priority = "3", _level = "1", _satisfaction = Satisfaction.Satisfied;
    private string _mediator = Mediation.MediatorTypes[0], _mediationLevel = Mediation.Levels[0], _outcome = Mediation.Outcomes[0];
    private long? _primary;
    // The version the officer saw when opening the form: the page reloads live underneath, but an action
    // decided on what was on screen must not silently apply to a case someone else has just changed.
    private int _formVersion;
    private readonly HashSet<string> _departments = [];

    private static string Shortcut(string action) => Keys.GetValueOrDefault(action, "");

    private IEnumerable<CaseLookups.Item> Departments => Lookups?.Departments.Where(d => d.Parent == "部门") ?? [];

    /// <summary>Where a case can be dispatched: its own grid team first, then departments, then 村居.</summary>
    private IEnumerable<CaseLookups.Item> Targets
    {
        get
        {
            if (Detail.State.GridCode is { } g)
                yield return new(g, $"网格 · {Detail.GridName ?? g}");
            foreach (var d in Lookups?.Departments ?? []) yield return new(d.Code, $"{d.Parent} · {d.Name}");
            foreach (var c in Lookups?.Communities ?? []) yield return new(c.Code, $"村居 · {c.Name}");
        }
    }

    /// <summary>Handles a shortcut; true when it meant something here.</summary>
    public async Task<bool> HandleKeyAsync(string key)
    {
        if (_open is not null)
        {
            if (key == "Escape") { Close(); StateHasChanged(); return true; }
            if (key == "Ctrl+Enter") { await SubmitAsync(); StateHasChanged(); return true; }
            if (_open == CaseActionKind.Callback && key is "1" or "2" or "3")
            {
                _satisfaction = Satisfaction.All[key[0] - '1'];
                StateHasChanged();
                return true;
            }
        }
        var action = CaseMachine.Available(Detail.State).FirstOrDefault(a => Shortcut(a) == key);
        if (action is null) return key != "Escape";
        await OpenAsync(action);
        StateHasChanged();
        return true;
    }

    private Task OpenAsync(string action)
    {
        _open = action;
        _error = _done = null;
        _conflict = false;
        _note = _route = null;
        var s = Detail.State;
        _grid = s.GridCode;
        _priority = s.Priority.ToString();
        _assignee = Targets.FirstOrDefault()?.Code;
        _level = Math.Clamp(s.SuperviseLevel + 1, 1, 3).ToString();
        _satisfaction = Satisfaction.Satisfied;
        _departments.Clear();
        _primary = null;
        _department = s.Summons.FirstOrDefault(m => action == CaseActionKind.Report
            ? m.CheckedInAt is not null && m.ReportedAt is null : m.CheckedInAt is null)?.DepartmentCode;
        _formVersion = s.Version;
        _focusPending = true;
        return Task.CompletedTask;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_focusPending || _open is null) return;
        _focusPending = false;
        try { await _first.FocusAsync(); } catch (InvalidOperationException) { } catch (Microsoft.JSInterop.JSException) { }
    }

    private void Toggle(string department, bool on)
    {
        if (on) _departments.Add(department);
        else _departments.Remove(department);
    }

    private void Close()
    {
        _open = null;
        _error = null;
    }

    private CaseCommand? Build() => _open switch
    {
        CaseActionKind.Accept => new CaseCommand.Accept(_grid, short.Parse(_priority)),
        CaseActionKind.Dispatch => new CaseCommand.Dispatch(_assignee ?? "", Targets.FirstOrDefault(t => t.Code == _assignee)?.Name.Split(" · ")[^1] ?? "", _note),
        CaseActionKind.Start => new CaseCommand.Start(_note),
        CaseActionKind.Return => new CaseCommand.Return(_note ?? ""),
        CaseActionKind.Feedback => new CaseCommand.Feedback(_note ?? ""),
        CaseActionKind.Review => new CaseCommand.Review(_note),
        CaseActionKind.Rework => new CaseCommand.Rework(_note ?? ""),
        CaseActionKind.Callback => new CaseCommand.Callback(_satisfaction, _note),
        CaseActionKind.Supervise => new CaseCommand.Supervise(short.Parse(_level), _note ?? ""),
        CaseActionKind.Urge => new CaseCommand.Urge(_note ?? ""),
        CaseActionKind.Whistle => new CaseCommand.Whistle(
            [.. _departments.Select(code => new KeyValuePair<string, string>(code, Departments.First(d => d.Code == code).Name))], _note),
        CaseActionKind.CheckIn => new CaseCommand.CheckIn(_department ?? ""),
        CaseActionKind.Report => new CaseCommand.Report(_department ?? "", _note ?? ""),
        CaseActionKind.Merge => new CaseCommand.Merge(_primary ?? 0, Note: _note),
        CaseActionKind.MediationStart => new CaseCommand.StartMediation(_mediator, _mediationLevel, _note),
        CaseActionKind.MediationEnd => new CaseCommand.EndMediation(_outcome, string.IsNullOrEmpty(_route) ? null : _route, _note, _mediationLevel),
        _ => null,
    };

    private async Task SubmitAsync()
    {
        if (_busy || Build() is not { } command) return;
        _busy = true;
        try
        {
            var result = await Actions.ApplyAsync(Detail.State.Id, _formVersion, command, Officer.Name, CancellationToken.None);
            _conflict = result.Outcome == CaseActionOutcome.Conflict;
            if (result.Done)
            {
                _open = null;
                _error = null;
                _done = $"{result.Message}（{Officer.Name}）";
                await OnChanged.InvokeAsync();
            }
            else _error = result.Message;
        }
        finally { _busy = false; }
    }

    private async Task RefreshAfterConflictAsync()
    {
        _open = null;
        _error = null;
        _conflict = false;
        await OnChanged.InvokeAsync();
    }
}
