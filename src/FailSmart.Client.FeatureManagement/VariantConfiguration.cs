using System.Globalization;
using FailSmart.Core.Values;
using Microsoft.Extensions.Configuration;

namespace FailSmart.Client.FeatureManagement;

/// <summary>
/// A variation's value as the configuration section Microsoft.FeatureManagement gives as
/// <c>Variant.Configuration</c>: a string as the section's value, a number or boolean as its JSON text,
/// an object's properties and an array's items (by index) as child sections.
/// </summary>
internal static class VariantConfiguration
{
    private const string Root = "value";

    public static IConfigurationSection From(DataValue value)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(value, Root, data);
        return new ConfigurationBuilder().AddInMemoryCollection(data).Build().GetSection(Root);
    }

    private static void Flatten(DataValue value, string path, Dictionary<string, string?> data)
    {
        switch (value.Kind)
        {
            case DataValueKind.Object:
                foreach (KeyValuePair<string, DataValue> property in value.AsObject()!)
                {
                    Flatten(property.Value, path + ConfigurationPath.KeyDelimiter + property.Key, data);
                }

                break;
            case DataValueKind.Array:
                int i = 0;
                foreach (DataValue item in value.AsArray()!)
                {
                    Flatten(item, path + ConfigurationPath.KeyDelimiter + i++.ToString(CultureInfo.InvariantCulture), data);
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
