using System.Net.Http.Headers;
using FailSmart.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FailSmart.Server.Tests;

/// <summary>The real server in memory, over its own temporary data folder, with a known admin key.</summary>
public class FailSmartFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "fs_admin_testadmin01_0123456789abcdefghijklmnop";

    private readonly TemporaryFolder _data = new();

    public string DataPath => _data.Path;

    /// <summary>Extra settings a derived factory wants.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataPath", _data.Path)
            .UseSetting("Auth:BootstrapAdminKey", AdminKey)
            .UseEnvironment("Testing");
        foreach ((string key, string value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that sends the given key (the admin key by default).</summary>
    public HttpClient ClientWithKey(string? key = AdminKey)
    {
        HttpClient client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}
