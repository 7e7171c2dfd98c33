using System.Text.Json;

namespace CommandCenter.Core.Scorecards;

/// <summary>A monthly 通报 as computed: everything the printed page and the CSV show, and nothing they
/// recompute. Published, its JSON text is stored as it was (<c>bulletins.content</c>) and every later view is
/// read from that text, so an edited scorecard or later data cannot change a published bulletin.</summary>
public sealed record BulletinContent
{
    public required string Month { get; init; }
    public required string Title { get; init; }
    public required string PeriodLabel { get; init; }
    public required int ScorecardVersion { get; init; }
    public required string ScorecardNote { get; init; }
    public required IReadOnlyList<BulletinItem> Items { get; init; }
    public required int FocusCount { get; init; }
    public required IReadOnlyList<BulletinSection> Sections { get; init; }
    public required IReadOnlyList<BulletinCase> OverdueCases { get; init; }
    public required int OverdueTotal { get; init; }
    public required IReadOnlyList<BulletinCase> JfbCases { get; init; }
    public required int JfbTotal { get; init; }
    public required DateTimeOffset ComputedAt { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ScorecardDefinition.Json);

    public static BulletinContent FromJson(string json) =>
        JsonSerializer.Deserialize<BulletinContent>(json, ScorecardDefinition.Json) ?? throw new JsonException("empty bulletin");
}

/// <summary>A scorecard item as the bulletin states it.</summary>
public sealed record BulletinItem(string Name, string Rule, string Definition, bool IsDeduction);

/// <summary>The ranking of one unit kind with its 红榜 and 黑榜 (unit names).</summary>
public sealed record BulletinSection(string Kind, string KindLabel, IReadOnlyList<BulletinRow> Rows, IReadOnlyList<string> Red,
    IReadOnlyList<string> Black);

/// <summary>One ranked unit: rank, total, change against last month, 重点管理, the points of each item (in the
/// order of <see cref="BulletinContent.Items"/>; deductions negative) and its main figures.</summary>
public sealed record BulletinRow(int Rank, string Code, string Name, decimal Total, decimal? Change, int? RankChange, bool Focus,
    IReadOnlyList<decimal> Points, long Closed, string OnTimeRate, string SatisfactionRate, long Overdue, long Jfb);

/// <summary>A case the bulletin names (超期 or 纠风办), personal data masked.</summary>
public sealed record BulletinCase(long Id, string Title, string Unit, string Grid, string Reporter, string Status, string When, string Detail);
