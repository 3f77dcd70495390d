using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>Reads the value to hash: a non-empty string or a number, from the attribute or its fallback.</summary>
internal static class UnitId
{
    public static bool TryResolve(IAttributeSource attributes, string attribute, string? fallback, out string usedAttribute, out string value)
    {
        if (TryRead(attributes, attribute, out value))
        {
            usedAttribute = attribute;
            return true;
        }

        if (fallback is not null && TryRead(attributes, fallback, out value))
        {
            usedAttribute = fallback;
            return true;
        }

        usedAttribute = attribute;
        return false;
    }

    private static bool TryRead(IAttributeSource attributes, string name, out string value)
    {
        if (AttributeLookup.Read(attributes, name, out DataValue raw))
        {
            if (raw.Kind == DataValueKind.String && raw.AsString()!.Length > 0)
            {
                value = raw.AsString()!;
                return true;
            }

            if (raw.Kind == DataValueKind.Number)
            {
                value = JsSemantics.NumberToString(raw.AsNumber());
                return true;
            }
        }

        value = string.Empty;
        return false;
    }
}
