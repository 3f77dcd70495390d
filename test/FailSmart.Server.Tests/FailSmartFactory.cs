using FailSmart.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FailSmart.Server.Tests;

/// <summary>The real server in memory, over its own temporary data folder.</summary>
public sealed class FailSmartFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryFolder _data = new();

    public string DataPath => _data.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("Storage:DataPath", _data.Path).UseEnvironment("Testing");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
