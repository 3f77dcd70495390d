namespace FailSmart.Client.Tests;

/// <summary>Waits for a condition that a background loop makes true, failing with a message if it never does.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int seconds = 15)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail("Timed out waiting until " + what);
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
