using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>Reads the attribute at a dotted path and applies a value test to it.</summary>
internal sealed class PathNode(string path, string[] segments, ValueTest test) : ConditionNode
{
    public override bool Evaluate(IAttributeSource? source, SavedGroups groups) =>
        test.Test(Resolve(source), groups);

    public override bool Explain(IAttributeSource? source, SavedGroups groups, List<ConditionCheck> checks, int depth)
    {
        DataValue actual = Resolve(source);
        bool passed = test.Test(actual, groups);
        checks.Add(new ConditionCheck(depth, path, test.Source.ToJson(), actual.ToJson(), passed, passed ? null : test.Explain(actual)));
        return passed;
    }

    /// <summary>
    /// As GrowthBook's getPath: each step reads a property of an object, or an index or the length of
    /// an array; a missing attribute, or a step through anything else, reads as null.
    /// </summary>
    private DataValue Resolve(IAttributeSource? source)
    {
        if (source is null || !AttributeLookup.Read(source, segments[0], out DataValue current))
        {
            return DataValue.Null;
        }

        for (int i = 1; i < segments.Length; i++)
        {
            if (!TryStep(current, segments[i], out current))
            {
                return DataValue.Null;
            }
        }

        return current;
    }

    internal static bool TryStep(in DataValue current, string segment, out DataValue next)
    {
        if (current.AsObject() is { } obj)
        {
            return obj.TryGetAttribute(segment, out next);
        }

        if (current.AsArray() is { } array)
        {
            return ArrayAttributes.TryGet(array, segment, out next);
        }

        next = DataValue.Null;
        return false;
    }
}
