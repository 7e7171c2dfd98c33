using MudBlazor;

namespace CommandCenter.Shared.Ui;

/// <summary>The one MudBlazor theme. The light palette is for the desk pages (an officer reads them for an
/// eight-hour shift: dense, high-contrast navy on white); the dark palette carries the wall's colours, so
/// the wall (which keeps its own hand-tuned big-screen layout) and any dark desk view share one set.</summary>
public static class CommandCenterTheme
{
    /// <summary>CJK first: MudBlazor's default (Roboto) has no Chinese glyphs and would be fetched from a CDN.</summary>
    private static readonly string[] Fonts = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "sans-serif"];

    public static MudTheme Instance { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b2a4a",
            Secondary = "#1f6fd1",
            Tertiary = "#00796b",
            Info = "#1f6fd1",
            Success = "#2e7d32",
            Warning = "#e08a00",
            Error = "#c62828",
            AppbarBackground = "#0b2a4a",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            Surface = "#ffffff",
            DrawerBackground = "#eef2f7",
            DrawerText = "#1d2b3a",
            TextPrimary = "#1d2b3a",
            TextSecondary = "#546e7a",
            LinesDefault = "#dfe5ec",
            TableLines = "#e3e8ee",
            TableHover = "#f0f6fc",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#2f8cff",
            Secondary = "#8fd0ff",
            Info = "#8fd0ff",
            Success = "#5ef0a6",
            Warning = "#ffc24b",
            Error = "#ff5d5d",
            Background = "#071426",
            Surface = "#0f2d52",
            AppbarBackground = "#040b16",
            DrawerBackground = "#071426",
            TextPrimary = "#e6f1fb",
            TextSecondary = "#9cc3ea",
            LinesDefault = "rgba(86,160,230,.35)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts, FontSize = ".875rem", LineHeight = "1.45" },
            H1 = new H1Typography { FontFamily = Fonts, FontSize = "1.5rem", FontWeight = "600", LineHeight = "1.3" },
            H2 = new H2Typography { FontFamily = Fonts, FontSize = "1.2rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = Fonts, FontSize = "1.1rem", FontWeight = "600", LineHeight = "1.3" },
            H6 = new H6Typography { FontFamily = Fonts, FontSize = "1.15rem", FontWeight = "600", LineHeight = "1.3" },
            Button = new ButtonTypography { FontFamily = Fonts, FontSize = ".875rem", FontWeight = "500", TextTransform = "none" },
            Body1 = new Body1Typography { FontFamily = Fonts, FontSize = ".95rem" },
            Body2 = new Body2Typography { FontFamily = Fonts, FontSize = ".875rem" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "4px", DrawerWidthLeft = "9.5rem", AppbarHeight = "3.25rem" },
    };
}
