using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using CommandCenter.Core.Time;
using CommandCenter.Live;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Screen;

/// <summary>The wall's ticker of the latest cases. Every wall circuit renders the same snapshot, so the
/// texts a row needs beyond the case's own fields (time, CSS class, id) are made once per
/// <see cref="RecentCase"/> instance and shared by all circuits, instead of each circuit keeping its own
/// copies in its render tree; and a snapshot whose cases read the same as before renders nothing.</summary>
public sealed partial class WallTicker
{
    [Parameter, EditorRequired] public ImmutableArray<RecentCase> Recent { get; set; } = [];

    private ImmutableArray<RecentCase> _rendered;

    // Keyed by the snapshot's own RecentCase objects: an entry lives exactly as long as a snapshot holds its case.
    private static readonly ConditionalWeakTable<RecentCase, RowText> Texts = new();

    protected override bool ShouldRender()
    {
        // Records compare by value: a heartbeat's reloaded cases equal the shown ones unless one changed.
        if (!_rendered.IsDefault && _rendered.SequenceEqual(Recent)) return false;
        _rendered = Recent;
        return true;
    }

    private static RowText Text(RecentCase c) => Texts.GetValue(c, static c => new RowText(
        c.Id.ToString(CultureInfo.InvariantCulture),
        $"ticker-row prio-{c.Priority}",
        Shanghai.ToLocal(c.At).ToString("HH:mm", CultureInfo.InvariantCulture),
        c.Reporter is null ? null : $" · 报告人 {c.Reporter}"));

    private sealed record RowText(string Id, string RowClass, string Time, string? Reporter);
}
