using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Tests;

/// <summary>The revision poll's settings are checked at start, with a message that says what is allowed.</summary>
public sealed class SyncSettingsTests
{
    [Theory]
    [InlineData("Sync:PollSeconds", "0")]
    [InlineData("Sync:PollSeconds", "3601")]
    [InlineData("Sync:PollSecondsWhileListening", "0")]
    public async Task Poll_interval_out_of_range_stops_start_up_and_names_the_setting(string setting, string value)
    {
        using var data = new TemporaryFolder();
        await using WebApplication app = FailSmartServer.Create(["--data", data.Path, "--urls", "http://127.0.0.1:0", "--" + setting, value]);

        var ex = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        ex.Message.ShouldContain($"{setting} must be a whole number of seconds from 1 to 3600.");
    }
}
