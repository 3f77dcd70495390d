using FailSmart.Core.Values;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement;

/// <summary>A Microsoft.FeatureManagement targeting context read as FailSmart attributes: "id" is the user id, "groups" the groups.</summary>
internal sealed class TargetingAttributes(ITargetingContext? context) : IAttributeSource
{
    public bool TryGetAttribute(string name, out DataValue value)
    {
        switch (name)
        {
            case "id" or "userId" when context?.UserId is { } id:
                value = id;
                return true;
            case "groups" when context?.Groups is { } groups:
                value = DataValue.FromArray(groups.Select(g => DataValue.FromString(g)));
                return true;
            default:
                value = DataValue.Null;
                return false;
        }
    }
}
