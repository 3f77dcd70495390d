using MudBlazor;

namespace FailSmart.Web.Layout;

/// <summary>Colours chosen for contrast: white on the primary blue is above 7:1.</summary>
internal static class FailSmartTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            AppbarBackground = "#1e3a8a",
            AppbarText = "#ffffff",
            DrawerBackground = "#f8fafc",
            TextPrimary = "#111827",
            TextSecondary = "#374151",
            Background = "#ffffff",
            // Darker than MudBlazor's defaults so alert text stays above 4.5:1 on its tinted background.
            Info = "#1e40af",
            Error = "#b91c1c",
            Success = "#166534",
            Warning = "#92400e",
        },
    };
}
