using System.Text;
using CommandCenter.Core.Scorecards;
using CommandCenter.Core.Security;
using CommandCenter.Core.Time;
using CommandCenter.Tests.Infrastructure;
using CommandCenter.Tests.Trends;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommandCenter.Tests.Scorecards;

/// <summary>A published 通报 is the content stored at publishing: editing the scorecard afterwards (or data
/// arriving late) changes the preview of an unpublished month, never a published one — page, CSV and the
/// stored text stay byte for byte the same.</summary>
public sealed class BulletinPublishTests(PostgisDatabase db) : WebAppTests(db)
{
    private static readonly AuditActor Leader = new("leader-test", Roles.Leader, "127.0.0.1");

    private static ScorePeriod LastMonth()
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(DateTimeOffset.UtcNow).Date);
        return ScorePeriod.Containing(ScorePeriodKind.Month, today).Previous;
    }

    [Fact]
    public async Task Editing_the_scorecard_after_publishing_leaves_the_published_bulletin_byte_for_byte_unchanged()
    {
        await ScoreData.AddAsync(Db.DataSource, "bulletin-a", 3000, 75, 21);
        var month = LastMonth();
        var bulletins = Web.Services.GetRequiredService<BulletinStore>();
        var scorecards = Web.Services.GetRequiredService<ScorecardStore>();
        var leader = await Web.LoginAsAsync(Roles.Leader);
        var url = $"/scorecards/bulletin?month={month.First:yyyy-MM}";

        var published = await bulletins.PublishAsync(month, Leader, CancellationToken.None);
        var csvBefore = await leader.GetByteArrayAsync($"/scorecards/bulletin.csv?month={month.First:yyyy-MM}");
        var casesBefore = await leader.GetByteArrayAsync($"/scorecards/bulletin.csv?month={month.First:yyyy-MM}&table=cases");
        var pageBefore = Article(await leader.GetStringAsync(url));

        // The scorecard changes (other weights, a new version) and more of last month's data arrives.
        var current = await scorecards.CurrentAsync(CancellationToken.None);
        var edited = current.Definition with
        {
            Items = [.. current.Definition.Items
                .Where(i => i.Metric != ScoreMetric.SignHours)
                .Select(i => i.IsDeduction ? i with { PerCase = i.PerCase * 2 } : i.Metric == ScoreMetric.OnTimeRate ? i with { Weight = 50 } : i)],
            FocusCount = 1,
        };
        await scorecards.SaveAsync(edited, "测试：发布后修改", current.Version, Leader, CancellationToken.None);
        await ScoreData.AddAsync(Db.DataSource, "bulletin-b", 800, 45, 22);

        var csvAfter = await leader.GetByteArrayAsync($"/scorecards/bulletin.csv?month={month.First:yyyy-MM}");
        var casesAfter = await leader.GetByteArrayAsync($"/scorecards/bulletin.csv?month={month.First:yyyy-MM}&table=cases");
        var pageAfter = Article(await leader.GetStringAsync(url));
        var stored = await bulletins.GetAsync(month, CancellationToken.None);

        Assert.Equal(csvBefore, csvAfter);
        Assert.Equal(casesBefore, casesAfter);
        Assert.True(published.Content.OverdueTotal > 0 && published.Content.JfbTotal > 0, "the bulletin names 超期 and 纠风办 cases");
        Assert.DoesNotContain("13812345678", Encoding.UTF8.GetString(casesBefore)); // titles masked
        Assert.DoesNotContain("13812345678", pageBefore);
        Assert.Equal(pageBefore, pageAfter);
        Assert.Equal(published.ContentJson, stored!.ContentJson);
        Assert.Equal(published.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(stored.ContentJson))));
        Assert.Contains("已发布", pageAfter);
        Assert.Contains("考核细则第 1 版", pageAfter);
        Assert.Contains(published.Content.Sections.SelectMany(s => s.Rows), r => r.Total > 0);
        // The edit did matter: the same month computed now is another bulletin, with the new version.
        var now = await bulletins.PreviewAsync(month, CancellationToken.None);
        Assert.Equal(2, now.ScorecardVersion);
        Assert.NotEqual(csvBefore, CommandCenter.Features.Scorecards.BulletinCsv.Build(now));
    }

    [Fact]
    public async Task A_month_is_published_once_and_the_database_refuses_to_change_a_published_bulletin()
    {
        var month = LastMonth().Previous;
        var bulletins = Web.Services.GetRequiredService<BulletinStore>();
        await bulletins.PublishAsync(month, Leader, CancellationToken.None);

        var again = await Assert.ThrowsAsync<ScorecardInvalidException>(() => bulletins.PublishAsync(month, Leader, CancellationToken.None));
        Assert.Contains("已经发布", again.Message);
        var update = await Assert.ThrowsAsync<PostgresException>(() => TrendData.ExecAsync(Db.DataSource,
            "UPDATE bulletins SET content = '{}' WHERE month = @m", ("m", month.First)));
        Assert.Contains("never changed", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => TrendData.ExecAsync(Db.DataSource, "DELETE FROM scorecard_versions WHERE version = 1"));
        await using var count = Db.DataSource.CreateCommand("SELECT count(*) FROM audit_log WHERE action = 'bulletin.publish' AND target = @t");
        count.Parameters.AddWithValue("t", month.First.ToString("yyyy-MM"));
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_current_month_cannot_be_published_before_it_ends()
    {
        var month = LastMonth().Next;
        var bulletins = Web.Services.GetRequiredService<BulletinStore>();

        var refused = await Assert.ThrowsAsync<ScorecardInvalidException>(() => bulletins.PublishAsync(month, Leader, CancellationToken.None));

        Assert.Contains("尚未结束", refused.Message);
        Assert.Null(await bulletins.GetAsync(month, CancellationToken.None));
    }

    private static string Article(string html)
    {
        var start = html.IndexOf("<article", StringComparison.Ordinal);
        var end = html.IndexOf("</article>", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the page has the bulletin");
        return html[start..end];
    }
}
