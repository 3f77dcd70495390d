using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>How people and URLs name each resource kind.</summary>
public static class ResourceKindNames
{
    /// <summary>"flag", "segment", …, "metric definition".</summary>
    public static string Name(ResourceKind kind) => ResourceKindRoutes.All.First(r => r.Kind == kind).Name;

    /// <summary>"flags", "segments", …: the API's and the UI's URL segment.</summary>
    public static string Segment(ResourceKind kind) => ResourceKindRoutes.All.First(r => r.Kind == kind).Segment;
}
