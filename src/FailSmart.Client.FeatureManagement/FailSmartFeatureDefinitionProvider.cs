using FailSmart.Core.Values;
using Microsoft.Extensions.Configuration;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement;

/// <summary>
/// Presents every FailSmart flag as a Microsoft.FeatureManagement feature: enabled through the
/// "FailSmart" filter, with the flag's variations as variants. The variant FailSmart serves to the
/// ambient targeting context becomes the allocation's default, so GetVariantAsync returns it.
/// </summary>
internal sealed class FailSmartFeatureDefinitionProvider(IFailSmartClient client, ITargetingContextAccessor? accessor = null) : IFeatureDefinitionProvider
{
    private static readonly FeatureFilterConfiguration[] s_filter = [new() { Name = FailSmartFeatureFilter.Alias }];

    public async Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName)
    {
        if (!client.FlagKeys.Contains(featureName))
        {
            return null!; // the feature manager treats a missing definition as "not defined" (disabled)
        }

        ITargetingContext? targeting = null;
        if (accessor is not null)
        {
            try
            {
                targeting = await accessor.GetContextAsync();
            }
#pragma warning disable CA1031 // no ambient context is a normal case
            catch (Exception)
#pragma warning restore CA1031
            {
                targeting = null;
            }
        }

        return Define(featureName, targeting);
    }

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        foreach (string key in client.FlagKeys)
        {
            yield return await GetFeatureDefinitionAsync(key);
        }
    }

    private FeatureDefinition Define(string featureName, ITargetingContext? targeting)
    {
        FlagEvaluation<DataValue> detail = client.GetJsonDetail(featureName, DataValue.Null, new TargetingAttributes(targeting));
        var variants = new List<VariantDefinition>();
        if (detail.VariationKey is { } served)
        {
            variants.Add(new VariantDefinition { Name = served, ConfigurationValue = ToSection(detail.Value) });
        }

        return new FeatureDefinition
        {
            Name = featureName,
            EnabledFor = s_filter,
            Variants = variants,
            Allocation = detail.VariationKey is null ? null : new Allocation { DefaultWhenEnabled = detail.VariationKey, DefaultWhenDisabled = detail.VariationKey },
        };
    }

    private static IConfigurationSection ToSection(DataValue value)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(value, "value", data);
        return new ConfigurationBuilder().AddInMemoryCollection(data).Build().GetSection("value");
    }

    private static void Flatten(DataValue value, string path, Dictionary<string, string?> data)
    {
        switch (value.Kind)
        {
            case DataValueKind.Object:
                foreach (KeyValuePair<string, DataValue> property in value.AsObject()!)
                {
                    Flatten(property.Value, path + ":" + property.Key, data);
                }

                break;
            case DataValueKind.Array:
                int i = 0;
                foreach (DataValue item in value.AsArray()!)
                {
                    Flatten(item, path + ":" + i++.ToString(System.Globalization.CultureInfo.InvariantCulture), data);
                }

                break;
            case DataValueKind.String:
                data[path] = value.AsString();
                break;
            case DataValueKind.Null:
                data[path] = null;
                break;
            default:
                data[path] = value.ToJson();
                break;
        }
    }
}
