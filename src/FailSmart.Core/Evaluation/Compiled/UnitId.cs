using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>
/// Reads the value to hash from the attribute or its fallback, as GrowthBook's getHashAttribute: any
/// truthy value, as JavaScript's String() writes it (<c>42</c>, <c>true</c>, <c>a,b</c>). A falsy value
/// (<c>0</c>, <c>false</c>, <c>""</c>, null, NaN) means the unit has no id.
/// </summary>
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
            // Strings first: the usual id needs neither the truthiness test nor a conversion.
            if (raw.Kind == DataValueKind.String)
            {
                value = raw.AsString()!;
                return value.Length > 0;
            }

            if (JsSemantics.IsTruthy(raw))
            {
                value = JsSemantics.ToJsString(raw);
                return true;
            }
        }

        value = string.Empty;
        return false;
    }
}
