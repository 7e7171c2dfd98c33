using CommandCenter.Core.Geo;
using CommandCenter.Core.Security;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Npgsql;

namespace CommandCenter.Features.Admin;

public partial class GridImportPage : IDisposable
{
    // Cancels the history query when the admin leaves the page mid-load.
    private readonly CancellationTokenSource _stop = new();

    // The committed file for 133 grids is under 100 KB; 50 MB leaves room for detailed real boundaries.
    private const long MaxFileBytes = 50L * 1024 * 1024;

    [Inject] private NpgsqlDataSource Db { get; set; } = default!;
    [Inject] private AuditLog Audit { get; set; } = default!;
    [Inject] private CurrentActor Actor { get; set; } = default!;

    private IReadOnlyList<GridImportRecord> History { get; set; } = [];
    private GridImportResult? Result { get; set; }
    private string? FileName { get; set; }
    private string? Error { get; set; }
    private bool Busy { get; set; }

    protected override async Task OnInitializedAsync() => await LoadHistoryAsync();

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        (Result, Error, FileName, Busy) = (null, null, e.File.Name, true);
        try
        {
            if (e.File.Size > MaxFileBytes)
            {
                Error = $"{e.File.Name} 有 {e.File.Size / 1024 / 1024} MB，超过 {MaxFileBytes / 1024 / 1024} MB 的上限。";
                return;
            }
            // Streamed through the circuit in chunks below the hub's message-size limit.
            using var buffer = new MemoryStream();
            await using (var upload = e.File.OpenReadStream(MaxFileBytes))
                await upload.CopyToAsync(buffer);
            var actor = await Actor.GetAsync();
            Result = await new GridImporter(Db).ImportAsync(buffer.ToArray(), e.File.Name, CancellationToken.None);
            await Audit.AppendAsync(new AuditEntry(actor.Name, actor.Role, AuditActions.GridImported, e.File.Name, actor.Ip,
                Succeeded: Result.Outcome != GridImportOutcome.Refused,
                Details: new Dictionary<string, string?>
                {
                    ["outcome"] = OutcomeText(Result.Outcome),
                    ["grids"] = Result.Report.Features.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["problems"] = Result.Report.Problems.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["sha256"] = Result.Sha256,
                }), CancellationToken.None);
            await LoadHistoryAsync();
        }
        catch (IOException ex)
        {
            Error = $"读取 {e.File.Name} 失败：{ex.Message}";
        }
        finally
        {
            Busy = false;
        }
    }

    private static string OutcomeText(GridImportOutcome outcome) => outcome switch
    {
        GridImportOutcome.Imported => "已导入",
        GridImportOutcome.Unchanged => "与当前网格相同，未做修改",
        _ => "已拒绝，现有网格未改变",
    };

    private async Task LoadHistoryAsync() => History = await GridStore.RecentImportsAsync(Db, 20, _stop.Token);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
