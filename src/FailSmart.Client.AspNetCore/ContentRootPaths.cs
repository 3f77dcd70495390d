using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FailSmart.Client.AspNetCore;

/// <summary>
/// Resolves relative file and folder options against the application's content root, as ASP.NET Core
/// resolves appsettings.json and wwwroot, not against the working directory, which depends on how the
/// app was started (a service manager, <c>dotnet run</c>, a container). Absolute paths stay as given.
/// </summary>
internal sealed class ContentRootPaths(IHostEnvironment? environment = null) : IPostConfigureOptions<FailSmartClientOptions>
{
    public void PostConfigure(string? name, FailSmartClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (environment?.ContentRootPath is not { Length: > 0 } root)
        {
            return; // no host: the working directory, as the client alone would use
        }

        options.CacheDirectory = Resolve(root, options.CacheDirectory);
        options.BootstrapFile = Resolve(root, options.BootstrapFile);
        options.EventBufferDirectory = Resolve(root, options.EventBufferDirectory);
    }

    private static string? Resolve(string root, string? path) =>
        string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(root, path));
}
