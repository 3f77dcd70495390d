using Microsoft.Extensions.Logging;

namespace FailSmart.Client.FeatureManagement;

/// <summary>Every message the Microsoft.FeatureManagement bridge logs (event ids 3050+). User attributes are never logged.</summary>
internal static partial class FeatureManagementLog
{
    [LoggerMessage(3050, LogLevel.Information, "Feature {Feature} is not a FailSmart flag: it is served from the application's own feature management configuration until FailSmart defines a flag of that name.")]
    public static partial void ServedFromConfiguration(ILogger logger, string feature);
}
