using MudBlazor;

namespace Parley.Web.Ui.Layout;

/// <summary>Calm colours: the people on the other side of these screens are having a hard time.</summary>
public static class ParleyTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f5d62",
            Secondary = "#5e8b7e",
            AppbarBackground = "#2f5d62",
            Background = "#f7f7f5",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
