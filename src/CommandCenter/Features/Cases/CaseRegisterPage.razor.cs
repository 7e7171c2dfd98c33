using CommandCenter.Core.Cases;
using Microsoft.AspNetCore.Components;
using Npgsql;

namespace CommandCenter.Features.Cases;

/// <summary>Phone-in / walk-in registration: the officer fills a short form, picks the grid from the list or
/// clicks the place on the map, and the case is created already accepted.</summary>
public sealed partial class CaseRegisterPage
{
    [Inject] private CaseRegistrar Registrar { get; set; } = null!;
    [Inject] private NpgsqlDataSource Db { get; set; } = null!;
    [Inject] private DutyOfficer Officer { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    private static readonly IReadOnlyList<string> RegisterKeys = ["Escape", "Ctrl+Enter"];

    private CaseLookups? _lookups;
    private string? _gridsGeoJson;
    private ElementReference _titleInput;
    private string _title = "", _category = "", _channel = CaseRegistration.Channels[0], _priority = "3";
    private string? _grid, _address, _reporter, _phone, _description, _error;
    private (double Lon, double Lat)? _point;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        _lookups = await CaseLookups.LoadAsync(Db, CancellationToken.None);
        _gridsGeoJson = await CaseLookups.GridsGeoJsonAsync(Db, CancellationToken.None);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender) await _titleInput.FocusAsync();
    }

    private string CommunityName(string? code) => _lookups?.Communities.FirstOrDefault(c => c.Code == code)?.Name ?? "";

    private async Task PickedAsync((double Lon, double Lat) point)
    {
        _point = point;
        _grid = await Registrar.LocateAsync(point.Lon, point.Lat, CancellationToken.None);
    }

    private async Task OnKeyAsync(string key)
    {
        if (key == "Escape") Nav.NavigateTo("cases");
        else if (key == "Ctrl+Enter") await SubmitAsync();
    }

    private async Task SubmitAsync()
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var (id, error) = await Registrar.RegisterAsync(new CaseRegistration
            {
                Title = _title, CategoryCode = _category, Channel = _channel, Priority = short.Parse(_priority),
                GridCode = string.IsNullOrEmpty(_grid) ? null : _grid, Longitude = _point?.Lon, Latitude = _point?.Lat,
                Address = _address, ReporterName = _reporter, ReporterPhone = _phone, Description = _description ?? "",
            }, Officer.Name, CancellationToken.None);
            _error = error;
            if (id is { } created) Nav.NavigateTo($"cases/{created}");
        }
        finally { _busy = false; }
    }
}
