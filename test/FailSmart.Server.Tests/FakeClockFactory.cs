using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Server.Tests;

/// <summary>
/// The server on a fake clock, with the scheduler's and the webhook dispatcher's own loops off, so a test
/// moves time and runs them itself, one look at a time.
/// </summary>
public sealed class FakeClockFactory : FailSmartFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Schedules:Interval", "00:00:00"), new("Webhooks:Interval", "00:00:00")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
