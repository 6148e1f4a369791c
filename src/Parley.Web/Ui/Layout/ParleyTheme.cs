using MudBlazor;

namespace Parley.Web.Ui.Layout;

/// <summary>Calm colours: the people on the other side of these screens are having a hard time.</summary>
/// <remarks>
/// Every colour that carries text meets WCAG AA (4.5:1) both as text on white or the page background and under white
/// text (filled chips, buttons, alerts): MudBlazor's default status colours (bright orange, green, blue, red) do not.
/// </remarks>
public static class ParleyTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f5d62",
            Secondary = "#4a7266",
            Info = "#2a6496",
            Success = "#2e7d32",
            Warning = "#8a5a00",
            Error = "#b3261e",
            AppbarBackground = "#2f5d62",
            Background = "#f7f7f5",
            // Secondary and disabled text still reads at 4.5:1 on the page background and on a tinted alert.
            TextSecondary = "rgba(0,0,0,0.64)",
            TextDisabled = "rgba(0,0,0,0.58)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
