using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Validation;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Client.Caching;

/// <summary>Turns a rule set document into a snapshot, or says in one sentence why it cannot.</summary>
internal static class RuleSetLoader
{
    public static bool TryLoad(string json, string? environment, RuleSetOrigin origin, long revision, string? etag, out RuleSetSnapshot? snapshot, out string problem)
    {
        snapshot = null;
        ConfigLoadResult loaded;
        try
        {
            loaded = ConfigDocument.Parse(json);
        }
#pragma warning disable CA1031 // a broken document is an expected outcome here, never an exception for the host
        catch (Exception e)
#pragma warning restore CA1031
        {
            problem = "The rule set could not be read: " + e.Message;
            return false;
        }

        if (loaded.Configuration is not { } configuration)
        {
            problem = "The rule set is not valid: " + string.Join("; ", loaded.Problems.Take(3).Select(p => p.ToString()));
            return false;
        }

        if (!TryChooseEnvironment(configuration, environment, out string chosen, out problem))
        {
            return false;
        }

        try
        {
            snapshot = new RuleSetSnapshot(new Evaluator(configuration, chosen), origin, revision, etag, json);
            return true;
        }
        catch (InvalidConfigurationException e)
        {
            problem = "The rule set is not valid: " + e.Message;
            return false;
        }
    }

    public static RuleSetSnapshot FromConfiguration(Configuration configuration, string environment) =>
        new(new Evaluator(configuration, environment), RuleSetOrigin.Local, 0, null, ConfigDocument.Serialize(configuration));

    // A server rule set holds exactly the key's environment, so the environment can be read from it.
    private static bool TryChooseEnvironment(Configuration configuration, string? wanted, out string chosen, out string problem)
    {
        problem = string.Empty;
        if (wanted is not null)
        {
            chosen = wanted;
            return true;
        }

        string[] environments = [.. configuration.Flags.SelectMany(f => f.Environments.Keys).Distinct(StringComparer.Ordinal)];
        if (environments.Length <= 1)
        {
            chosen = environments.Length == 1 ? environments[0] : "default";
            return true;
        }

        chosen = string.Empty;
        problem = $"The rule set has several environments ({string.Join(", ", environments)}): set FailSmart:Environment to choose one.";
        return false;
    }
}
