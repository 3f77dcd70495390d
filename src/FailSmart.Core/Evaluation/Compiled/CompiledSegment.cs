using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>A segment ready to test: its condition, or its id list as a hashed set.</summary>
internal sealed class CompiledSegment
{
    private readonly Condition? _condition;
    private readonly string? _attribute;
    private readonly ValueSet? _ids;

    public CompiledSegment(Segment segment)
    {
        Segment = segment;
        switch (segment)
        {
            case ConditionSegment c:
                _condition = c.Condition;
                break;
            case IdListSegment l:
                _attribute = l.Attribute;
                _ids = new ValueSet(l.Ids, ignoreCase: false);
                break;
            default:
                break;
        }
    }

    public Segment Segment { get; }

    public bool Matches(IAttributeSource attributes, SavedGroups groups)
    {
        if (_condition is not null)
        {
            return _condition.Evaluate(attributes, groups);
        }

        return _ids is not null && AttributeLookup.Read(attributes, _attribute!, out DataValue value) && _ids.Intersects(value);
    }
}
