using System.Runtime.CompilerServices;

namespace FailSmart.Core.Values;

/// <summary>Reads an attribute on the evaluation hot path.</summary>
internal static class AttributeLookup
{
    /// <summary>
    /// <see cref="Attributes"/> is by far the usual source: testing for it calls it directly, so
    /// evaluation stays fast whether or not the runtime's profile-guided guess picked the type.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Read(IAttributeSource source, string name, out DataValue value) =>
        source is Attributes attributes ? attributes.TryGetAttribute(name, out value) : source.TryGetAttribute(name, out value);
}
