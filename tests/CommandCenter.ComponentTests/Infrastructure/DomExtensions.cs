using AngleSharp.Dom;

namespace CommandCenter.ComponentTests.Infrastructure;

public static class DomExtensions
{
    /// <summary>The table row that shows <paramref name="text"/>.</summary>
    public static IElement Row(this IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut, string text) =>
        cut.FindAll("tbody tr").Single(r => r.TextContent.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits until a table row shows <paramref name="text"/> (pages load their lists after the first render).</summary>
    public static IElement WaitForRow(this IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut, string text)
    {
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("tbody tr"), r => r.TextContent.Contains(text, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5));
        return cut.Row(text);
    }

    /// <summary>The button inside <paramref name="scope"/> whose text is <paramref name="label"/>.</summary>
    public static IElement Button(this IElement scope, string label) =>
        scope.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == label);

    public static IReadOnlyList<string> RowTexts(this IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut) =>
        cut.FindAll("tbody tr.mud-table-row").Select(r => r.TextContent).ToList();
}
