using FailSmart.Protocol.Configuration;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>The rule set the bridge tests evaluate: one flag per case the bridge must answer.</summary>
internal static class BridgeRules
{
    public const string Json = """
        {
          "version": 1,
          "flags": [
            { "key": "banner", "type": "string",
              "variations": [{ "key": "plain", "value": "Welcome" }, { "key": "sale", "value": "50% off" }],
              "environments": { "production": { "enabled": true, "offVariation": "plain", "defaultVariation": "plain",
                "rules": [{ "id": "staff", "condition": { "groups": { "$elemMatch": { "$eq": "staff" } } }, "force": { "variation": "sale" } },
                          { "id": "vip", "condition": { "id": { "$eq": "vip-1" } }, "force": { "variation": "sale" } }] } } },
            { "key": "copy", "type": "string",
              "variations": [{ "key": "control", "value": "Buy" }, { "key": "green", "value": "Buy now" }],
              "environments": { "production": { "enabled": true, "offVariation": "control", "defaultVariation": "control",
                "rules": [{ "id": "test", "experiment": { "key": "copy-test" } }] } } },
            { "key": "trial", "type": "boolean",
              "variations": [{ "key": "off", "value": false }, { "key": "on", "value": true }],
              "environments": { "production": { "enabled": true, "offVariation": "off", "defaultVariation": "off",
                "rules": [{ "id": "test", "experiment": { "key": "trial-test" } }] } } },
            { "key": "checkout-v2", "type": "boolean",
              "variations": [{ "key": "off", "value": false }, { "key": "on", "value": true }],
              "environments": { "production": { "enabled": true, "offVariation": "off", "defaultVariation": "off",
                "rules": [{ "id": "beta", "condition": { "groups": { "$elemMatch": { "$eq": "beta" } } }, "force": { "variation": "on" } }] } } },
            { "key": "theme", "type": "json",
              "variations": [{ "key": "classic", "value": { "colour": "white", "size": 12 } }, { "key": "dark", "value": { "colour": "black", "size": 14, "fonts": ["Inter", "Mono"] } }],
              "prerequisites": [{ "flag": "checkout-v2", "variations": ["on"] }],
              "environments": { "production": { "enabled": true, "offVariation": "classic", "defaultVariation": "dark", "rules": [] } } },
            { "key": "paused", "type": "string",
              "variations": [{ "key": "old", "value": "old" }, { "key": "new", "value": "new" }],
              "environments": { "production": { "enabled": false, "offVariation": "old", "defaultVariation": "new", "rules": [] } } },
            { "key": "held", "type": "number",
              "variations": [{ "key": "low", "value": 1 }, { "key": "high", "value": 2 }],
              "environments": { "production": { "enabled": true, "offVariation": "low", "defaultVariation": "high", "rules": [] } } },
            { "key": "staff-tools", "type": "boolean",
              "variations": [{ "key": "off", "value": false }, { "key": "on", "value": true }],
              "environments": { "production": { "enabled": true, "offVariation": "off", "defaultVariation": "off",
                "rules": [{ "id": "staff", "condition": { "email": { "$regex": "@failsmart\\.dev$" } }, "force": { "variation": "on" } }] } } },
            { "key": "staging-only", "type": "string",
              "variations": [{ "key": "a", "value": "a" }, { "key": "b", "value": "b" }],
              "environments": { "staging": { "enabled": true, "offVariation": "a", "defaultVariation": "b", "rules": [] } } }
          ],
          "experiments": [
            { "key": "copy-test", "variations": [{ "key": "control", "weight": 0.5 }, { "key": "green", "weight": 0.5 }], "status": "running" },
            { "key": "trial-test", "variations": [{ "key": "off", "weight": 0.5 }, { "key": "on", "weight": 0.5 }], "status": "running" }
          ],
          "holdouts": [
            { "key": "everyone", "salt": "everyone-salt", "buckets": [0, 10000], "scope": { "flags": ["held"] } }
          ]
        }
        """;

    public static Core.Model.Configuration Configuration { get; } = ConfigDocument.Parse(Json).Configuration!;

    public static Core.Evaluation.Evaluator Core { get; } = new(Configuration, "production");
}
