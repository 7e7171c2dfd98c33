using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using CommandCenter.Core.Time;
using CommandCenter.Live;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Screen;

/// <summary>The wall's ticker of the latest cases. Every wall circuit renders the same snapshot, so a row's
/// texts and its inner markup (time, badge, category, grid, title, status, masked reporter and phone) are made
/// once per <see cref="RecentCase"/> instance and shared by all circuits: a row is five render-tree frames in
/// each circuit instead of some thirty, and no circuit keeps its own copies of the strings. A snapshot whose
/// cases read the same as before renders nothing.</summary>
public sealed partial class WallTicker
{
    [Parameter, EditorRequired] public ImmutableArray<RecentCase> Recent { get; set; } = [];

    private ImmutableArray<RecentCase> _rendered;

    // Keyed by the case's value, not its object: every refresh loads new RecentCase objects, and walls that
    // skipped an equal list keep older ones, so a per-object cache gave each wall its own copies again. Bounded:
    // when it outgrows a few lists' worth it starts afresh (rows then are made once more, nothing else).
    private static readonly Lock Gate = new();
    private static Dictionary<RecentCase, RowText> _texts = [];
    private const int MaxTexts = 512;

    protected override bool ShouldRender()
    {
        // Records compare by value: a heartbeat's reloaded cases equal the shown ones unless one changed.
        // The newer list is kept even then, so this wall does not hold on to an older snapshot's cases.
        if (!_rendered.IsDefault && _rendered.SequenceEqual(Recent)) { _rendered = Recent; return false; }
        _rendered = Recent;
        return true;
    }

    private static RowText Text(RecentCase c)
    {
        lock (Gate)
        {
            if (_texts.TryGetValue(c, out var text)) return text;
            if (_texts.Count >= MaxTexts) _texts = [];
            return _texts[c] = new RowText(c.Id.ToString(CultureInfo.InvariantCulture), $"ticker-row prio-{c.Priority}", new MarkupString(RowHtml(c)));
        }
    }

    // Every text is HTML-encoded: titles and names come from residents and source systems.
    private static string RowHtml(RecentCase c)
    {
        Func<string?, string?> e = WebUtility.HtmlEncode;
        var html = new StringBuilder(256);
        html.Append("<div class=\"t-line1\"><span class=\"t-time\">")
            .Append(Shanghai.ToLocal(c.At).ToString("HH:mm", CultureInfo.InvariantCulture)).Append("</span>");
        if (c.Priority == 1) html.Append("<span class=\"t-badge badge-urgent\">紧急</span>");
        else if (c.Priority == 2) html.Append("<span class=\"t-badge badge-soon\">较急</span>");
        html.Append("<span class=\"t-cat\">").Append(e(c.Category)).Append("</span>")
            .Append("<span class=\"t-grid\">").Append(e(c.GridName ?? "网格外")).Append("</span></div>")
            .Append("<div class=\"t-title\">").Append(e(c.Title)).Append("</div>")
            .Append("<div class=\"t-meta\">").Append(e(c.Status));
        if (c.Reporter is not null) html.Append("<span> · 报告人 ").Append(e(c.Reporter)).Append("</span>");
        if (c.Phone is not null) html.Append("<span class=\"t-phone\">").Append(e(c.Phone)).Append("</span>");
        return html.Append("</div>").ToString();
    }

    private sealed record RowText(string Id, string RowClass, MarkupString Content);
}
