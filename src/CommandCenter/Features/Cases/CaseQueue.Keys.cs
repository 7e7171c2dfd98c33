using CommandCenter.Core.Cases;

namespace CommandCenter.Features.Cases;

// Keyboard control of the queue: a few keystrokes from "new urgent case" to "accepted".
public sealed partial class CaseQueue
{
    private async Task OnKeyAsync(string key)
    {
        switch (key)
        {
            case "j" or "ArrowDown": await MoveAsync(+1); break;
            case "k" or "ArrowUp": await MoveAsync(-1); break;
            case "Enter": await OpenCurrentAsync(); break;
            case "a": await AcceptSelectedAsync(); break;
            case "/": if (_keys is not null) await _keys.FocusAsync("#cq-search"); break;
            case "n": Nav.NavigateTo("cases/new"); break;
            case "u": await SetFilter(_filter with { Priority = _filter.Priority == 1 ? null : (short)1 }); break;
            case "o": await SetFilter(_filter with { OverdueOnly = !_filter.OverdueOnly }); break;
            case "Escape":
                _message = null;
                if (_keys is not null) await _keys.FlashTitleAsync(null);
                await SetFilter(new CaseQueueFilter());
                break;
        }
    }

    private async Task<CaseQueueRow?> RowAtAsync(int index)
    {
        if (index < 0 || index >= _total) return null;
        if (_rows.TryGetValue(index, out var row)) return row;
        var page = await Queries.PageAsync(_filter, index, 1, _stop.Token);
        return page.Count == 0 ? null : _rows[index] = page[0];
    }

    private async Task MoveAsync(int by)
    {
        var row = await RowAtAsync(Math.Clamp(_selected + by, 0, Math.Max(0, _total - 1)));
        if (row is null) return;
        _selected = Math.Clamp(_selected + by, 0, _total - 1);
        _selectedId = row.Id;
        StateHasChanged();
        if (_keys is not null) await _keys.ScrollIntoViewAsync($"[data-case-id='{row.Id}']");
    }

    private async Task OpenCurrentAsync()
    {
        // A new urgent case outranks whatever row happens to be selected: that is what the banner promises.
        if (_flash.Count > 0) { Open(_flash.MaxBy(f => f.Value).Key); return; }
        if (_selectedId is { } id) { Open(id); return; }
        if (await RowAtAsync(0) is { } first) Open(first.Id);
    }

    private async Task AcceptSelectedAsync()
    {
        var row = _selectedId is null ? null : _rows.Values.FirstOrDefault(r => r.Id == _selectedId);
        if (row is null) { _message = "请先用 J / K 选中一个事件"; return; }
        var result = await Actions.ApplyAsync(row.Id, row.Version, new CaseCommand.Accept(), Officer.Name, _stop.Token);
        _message = result.Done ? $"#{row.Id} 已受理" : $"#{row.Id}：{result.Message}";
        if (result.Done) _flash.Remove(row.Id);
        await RefreshAsync();
    }
}
