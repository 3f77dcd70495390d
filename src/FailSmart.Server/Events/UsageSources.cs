namespace FailSmart.Server.Events;

/// <summary>The names of the sources that report flag evaluations.</summary>
internal static class UsageSources
{
    public const string DotNetSdk = "sdk-dotnet";
    public const string Ofrep = "ofrep";
}
