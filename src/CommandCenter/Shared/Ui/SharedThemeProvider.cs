using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace CommandCenter.Shared.Ui;

/// <summary>A <see cref="MudThemeProvider"/> whose stylesheet text (the palette as ~24 KB of CSS variables) is
/// built once per theme and shared, instead of once per circuit and render: every wall circuit otherwise kept
/// its own copy (two, after a re-render) in its render tree. Renders exactly what MudThemeProvider renders;
/// if that ever stops being plain markup, it falls back to MudThemeProvider's own rendering.</summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static readonly Lock Gate = new();
    private static (MudTheme Theme, bool Dark, bool DefaultScrollbar, string[]? Markup)? _cache;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var markup = Markup();
        if (markup is null)
        {
            base.BuildRenderTree(builder);
            return;
        }
        foreach (var block in markup) builder.AddMarkupContent(0, block);
    }

    // IsDarkMode is read after SetParametersAsync (this runs in BuildRenderTree), so the property is current here
    // (MUD0010 guards against reading it earlier).
#pragma warning disable MUD0010
    private string[]? Markup()
    {
        var theme = GetTheme();
        lock (Gate)
        {
            if (_cache is { } c && ReferenceEquals(c.Theme, theme) && c.Dark == IsDarkMode && c.DefaultScrollbar == DefaultScrollbar)
                return c.Markup;
            var captured = Capture();
            _cache = (theme, IsDarkMode, DefaultScrollbar, captured);
            return captured;
        }
    }

#pragma warning restore MUD0010

    // What MudThemeProvider renders, if it is markup only (the <style> blocks). Reading frames is the framework's
    // own public API (BL0006 only warns that its shape may change; the fallback covers that).
#pragma warning disable BL0006
    private string[]? Capture()
    {
        using var builder = new RenderTreeBuilder();
        base.BuildRenderTree(builder);
        var frames = builder.GetFrames();
        var markup = new string[frames.Count];
        for (var i = 0; i < frames.Count; i++)
        {
            ref var frame = ref frames.Array[i];
            if (frame.FrameType != RenderTreeFrameType.Markup) return null;
            markup[i] = frame.MarkupContent;
        }
        return markup;
    }
#pragma warning restore BL0006
}
