using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>What the flag journeys share.</summary>
internal static class FlagPages
{
    /// <summary>Waits until the page runs on its circuit; before that, typing into a prerendered input is not seen by the page.</summary>
    public static Task InteractiveAsync(IPage page) => page.Locator("section[data-interactive=true]").WaitForAsync();
}
