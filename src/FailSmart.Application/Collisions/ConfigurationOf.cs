using FailSmart.Application.Configuration;
using FailSmart.Protocol.Configuration;
using FailSmart.Storage.Config;
using CoreConfiguration = FailSmart.Core.Model.Configuration;

namespace FailSmart.Application.Collisions;

/// <summary>The Core configuration (every environment) that stored resources make, or null when they do not make a valid one.</summary>
internal static class ConfigurationOf
{
    public static CoreConfiguration? Build(IReadOnlyList<StoredResource> resources) =>
        ConfigDocument.Parse(RuleSetDocument.Build(resources, environment: null).ToJsonString()).Configuration;
}
