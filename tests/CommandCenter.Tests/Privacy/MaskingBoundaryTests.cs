using System.Net;
using CommandCenter.Core.Ingest;
using CommandCenter.Core.Security;
using CommandCenter.Core.Time;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Privacy;

/// <summary>Issue 12, finding 2, at the boundaries: cases whose titles, addresses and phone fields hold
/// generated numbers in every written form, read back through what leaves the server — the wall's HTML,
/// the hub's messages, the case queue and case page (without 查看个人信息), the trends CSV and the admin
/// rejects list. None may hold a whole number.</summary>
public sealed class MaskingBoundaryTests(PostgisDatabase db) : WebAppTests(db)
{
    private const string Grid = "G001";
    private readonly List<(string Digits, string Written)> _numbers = [];
    private readonly List<long> _ids = [];

    public override async Task InitializeAsync()
    {
        // Before the app starts, so its first live snapshot already holds the cases. Milliseconds apart, so
        // this test's cases are the newest 15 (the wall lists 20) even right after the previous test's.
        await SampleData.EnsureGridsAsync(Db.DataSource, 4);
        var rng = new Random(612);
        for (var i = 0; i < 3; i++)
            foreach (var kind in PhoneForms.Kinds)
                _numbers.Add(PhoneForms.Generate(kind, rng));
        var (lon, lat) = SampleData.CentreOf(0);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var specs = new List<CaseSpec>();
        for (var i = 0; i < _numbers.Count; i++)
        {
            var phone = _numbers[(i + 1) % _numbers.Count].Written;
            specs.Add(new CaseSpec(now.AddMilliseconds(-10 * i))
            {
                Grid = Grid, Lon = lon, Lat = lat, Priority = 2, ReporterName = "王五", ReporterPhone = phone,
                Title = $"住户{_numbers[i].Written}反映楼道堆物",
                Address = $"测试路{_numbers[(i + 2) % _numbers.Count].Written}附近",
            });
        }
        _ids.AddRange(await SampleData.AddCasesAsync(Db.DataSource, specs));
        await using (var cmd = Db.DataSource.CreateCommand(
            "INSERT INTO rejects (source, stream, line_no, raw, reason) VALUES ('test', 'incidents', 1, @raw, 'unknown category')"))
        {
            cmd.Parameters.AddWithValue("raw", "{\"title\":\"" + string.Join("、", _numbers.Select(n => n.Written)) + "\"}");
            await cmd.ExecuteNonQueryAsync();
        }
        await base.InitializeAsync();
    }

    [Fact]
    public async Task The_wall_screens_html_holds_no_whole_phone_or_id_number()
    {
        var (kiosk, _) = await Web.KioskAsync();

        var html = await WaitForAsync(() => kiosk.GetStringAsync("/screen"), h => _ids.All(id => h.Contains($"data-case=\"{id}\"", StringComparison.Ordinal)));

        AssertNoWholeNumber(html);
    }

    [Fact]
    public async Task Hub_messages_hold_no_whole_phone_or_id_number()
    {
        await using var client = await LiveHubClient.ConnectAsync(Web, await Web.KioskCookieAsync());
        await client.WaitForAsync(_ids.ToHashSet(), TimeSpan.FromSeconds(30));

        AssertNoWholeNumber(string.Join("\n", client.Messages));
    }

    [Fact]
    public async Task The_case_queue_and_case_pages_hold_no_whole_number_until_personal_data_is_asked_for()
    {
        var officer = await Web.LoginAsAsync(Roles.Officer);

        AssertNoWholeNumber(await officer.GetStringAsync("/cases"));
        foreach (var id in _ids)
        {
            var page = await officer.GetStringAsync($"/cases/{id}");
            Assert.Contains("查看个人信息", page);
            AssertNoWholeNumber(page);
        }
    }

    [Fact]
    public async Task The_trends_case_csv_holds_no_whole_number()
    {
        var leader = await Web.LoginAsAsync(Roles.Leader);
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(DateTimeOffset.UtcNow).Date);

        var response = await leader.GetAsync($"/trends/export/cases.csv?grid={Grid}&from={today.AddDays(-7):yyyy-MM-dd}&to={today:yyyy-MM-dd}&gran=day");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(_ids, id => Assert.Contains($"{id},", csv));
        AssertNoWholeNumber(csv);
    }

    // Issue 12, finding 5: the CSV exports lacked Cache-Control: no-store, so a proxy or the browser kept copies.
    [Fact]
    public async Task The_trends_csv_is_kept_in_no_cache()
    {
        var leader = await Web.LoginAsAsync(Roles.Leader);

        var response = await leader.GetAsync($"/trends/export/areas.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    // The rejects page's grid loads its rows interactively (MudDataGrid ServerData), so its prerendered HTML
    // holds none: the rows it is given are what reaches the screen.
    [Fact]
    public async Task The_admin_rejects_list_holds_no_whole_number()
    {
        var store = Web.Services.GetRequiredService<RejectsStore>();

        var (rows, _) = await store.SearchAsync(new RejectsQuery { Source = "test" }, 0, 50, CancellationToken.None);

        // Each test of this class adds one such row (InitializeAsync runs per test): check them all.
        var shown = rows.Where(r => r.Reason == "unknown category").ToList();
        Assert.NotEmpty(shown);
        foreach (var row in shown) AssertNoWholeNumber(row.Raw);
    }

    private void AssertNoWholeNumber(string text)
    {
        var digits = PhoneForms.DigitsOnly(System.Net.WebUtility.HtmlDecode(text));
        foreach (var (number, written) in _numbers)
        {
            Assert.DoesNotContain(written, text);
            Assert.False(digits.Contains(number.TrimEnd('X', 'x'), StringComparison.Ordinal), $"{written} ({number}) is shown whole");
        }
    }

    private static async Task<string> WaitForAsync(Func<Task<string>> read, Func<string, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = await read();
            if (done(text)) return text;
            if (DateTime.UtcNow > until) throw new TimeoutException("the page never showed every test case");
            await Task.Delay(200);
        }
    }
}
