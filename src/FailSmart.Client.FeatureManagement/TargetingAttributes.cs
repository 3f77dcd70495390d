using FailSmart.Core.Values;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement;

/// <summary>
/// A Microsoft.FeatureManagement targeting context read as FailSmart attributes. A context that is
/// also an <see cref="IAttributeSource"/> (an application's TargetingContext subclass) answers first,
/// so rules can use any attribute it has; then "id" (or "userId") is the user id and "groups" the groups.
/// </summary>
internal sealed class TargetingAttributes(ITargetingContext? context) : IAttributeSource
{
    public bool TryGetAttribute(string name, out DataValue value)
    {
        if (context is IAttributeSource source && source.TryGetAttribute(name, out value))
        {
            return true;
        }

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
