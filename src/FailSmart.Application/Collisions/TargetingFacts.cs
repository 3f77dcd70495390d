using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Application.Collisions;

/// <summary>
/// The decidable facts of a trial's targeting (its rule's condition and the segments it requires), one
/// <see cref="AttributeConstraint"/> per attribute. Two trials' audiences are provably disjoint when some
/// attribute's joined constraint is impossible; otherwise they may overlap.
/// </summary>
internal sealed class TargetingFacts
{
    private readonly Dictionary<string, AttributeConstraint> _byAttribute;

    private TargetingFacts(Dictionary<string, AttributeConstraint> byAttribute) => _byAttribute = byAttribute;

    public static TargetingFacts Everyone { get; } = new([]);

    public static TargetingFacts Of(Rule rule, IReadOnlyList<Segment> segments)
    {
        var facts = new Dictionary<string, AttributeConstraint>(StringComparer.Ordinal);
        Add(facts, rule.Condition);
        foreach (string key in rule.Segments)
        {
            switch (segments.FirstOrDefault(s => s.Key == key))
            {
                case ConditionSegment c:
                    Add(facts, c.Condition);
                    break;
                case IdListSegment ids when ids.Ids.Count > 0 && ids.Ids.All(v => v.Kind == ids.Ids[0].Kind && IsScalar(v)):
                    Join(facts, ids.Attribute, Exact(ids.Ids, strict: false));
                    break;
                default:
                    break;
            }
        }

        return new TargetingFacts(facts);
    }

    /// <summary>The attribute whose constraints contradict, or null when both audiences may share units.</summary>
    public string? DisjointOn(TargetingFacts other)
    {
        foreach (var (attribute, mine) in _byAttribute)
        {
            if (other._byAttribute.TryGetValue(attribute, out AttributeConstraint? theirs) && mine.And(theirs).IsImpossible())
            {
                return attribute;
            }
        }

        return null;
    }

    private static void Add(Dictionary<string, AttributeConstraint> facts, Condition condition)
    {
        if (condition.Source.AsObject() is { } root)
        {
            AddObject(facts, root);
        }
    }

    private static void AddObject(Dictionary<string, AttributeConstraint> facts, ObjectValue condition)
    {
        foreach (var (name, value) in condition)
        {
            if (name == "$and" && value.AsArray() is { } all)
            {
                foreach (DataValue part in all)
                {
                    if (part.AsObject() is { } obj)
                    {
                        AddObject(facts, obj);
                    }
                }
            }
            else if (!name.StartsWith('$') && Constraint(value) is { } constraint)
            {
                Join(facts, name, constraint);
            }

            // $or, $nor, $not and the rest decide nothing here: assume they may match anyone.
        }
    }

    private static AttributeConstraint? Constraint(DataValue value)
    {
        if (IsScalar(value))
        {
            return Exact([value], strict: false);
        }

        if (value.AsObject() is not { } ops || ops.Any(p => !p.Key.StartsWith('$')))
        {
            return null;
        }

        var result = new AttributeConstraint();
        foreach (var (op, operand) in ops)
        {
            result = op switch
            {
                "$eq" when IsScalar(operand) => result.And(Exact([operand], strict: true)),
                "$ne" when IsScalar(operand) => result.And(new AttributeConstraint { Excluded = new HashSet<string>([operand.ToJson()], StringComparer.Ordinal) }),
                "$nin" when operand.AsArray() is { } list => result.And(new AttributeConstraint { Excluded = new HashSet<string>(list.Select(v => v.ToJson()), StringComparer.Ordinal) }),
                "$gt" when operand.Kind == DataValueKind.Number => result.And(new AttributeConstraint { Lower = operand.AsNumber(), LowerInclusive = false }),
                "$gte" when operand.Kind == DataValueKind.Number => result.And(new AttributeConstraint { Lower = operand.AsNumber() }),
                "$lt" when operand.Kind == DataValueKind.Number => result.And(new AttributeConstraint { Upper = operand.AsNumber(), UpperInclusive = false }),
                "$lte" when operand.Kind == DataValueKind.Number => result.And(new AttributeConstraint { Upper = operand.AsNumber() }),
                _ => result, // $in matches lists that share a value, regex and versions are not decided: no fact
            };
        }

        return result;
    }

    private static AttributeConstraint Exact(IReadOnlyList<DataValue> values, bool strict) => new()
    {
        Exactly = new HashSet<string>(values.Select(v => v.ToJson()), StringComparer.Ordinal),
        ExactKind = values[0].Kind,
        ExactStrict = strict,
    };

    private static bool IsScalar(DataValue value) => value.Kind is DataValueKind.String or DataValueKind.Number or DataValueKind.Boolean;

    private static void Join(Dictionary<string, AttributeConstraint> facts, string attribute, AttributeConstraint constraint) =>
        facts[attribute] = facts.TryGetValue(attribute, out AttributeConstraint? existing) ? existing.And(constraint) : constraint;
}
