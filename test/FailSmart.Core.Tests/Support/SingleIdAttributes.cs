using FailSmart.Core.Values;

namespace FailSmart.Core.Tests.Support;

/// <summary>An attribute source with only an "id", re-pointed between evaluations to test millions of units quickly.</summary>
internal sealed class SingleIdAttributes : IAttributeSource
{
    public string Id { get; set; } = string.Empty;

    public bool TryGetAttribute(string name, out DataValue value)
    {
        if (name == "id")
        {
            value = Id;
            return true;
        }

        value = default;
        return false;
    }
}
