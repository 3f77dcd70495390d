using System.Text.Json;
using FailSmart.Core.Targeting.Nodes;
using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting;

/// <summary>
/// A targeting condition in GrowthBook's language (MongoDB-style operators, version comparisons,
/// saved groups), compiled once. Evaluating it never throws and never allocates for ordinary
/// attribute types; a condition that could not be compiled never matches and reports why.
/// </summary>
public sealed class Condition
{
    private readonly ConditionNode _root;

    private Condition(DataValue source, ConditionNode root, IReadOnlyList<ConditionProblem> problems, IReadOnlyCollection<string> groups)
    {
        Source = source;
        _root = root;
        Problems = problems;
        ReferencedGroups = groups;
    }

    /// <summary>The empty condition {}: matches every unit.</summary>
    public static Condition Always { get; } = From(DataValue.FromObject(ObjectValue.Empty));

    /// <summary>The condition as JSON.</summary>
    public DataValue Source { get; }

    /// <summary>Defects found when compiling (unknown operator, bad regex...). Empty when valid.</summary>
    public IReadOnlyList<ConditionProblem> Problems { get; }

    /// <summary>Segment (saved group) keys used by "$inGroup"/"$notInGroup".</summary>
    public IReadOnlyCollection<string> ReferencedGroups { get; }

    public bool IsValid => Problems.Count == 0;

    public bool IsAlways => Source.AsObject() is { Count: 0 };

    public static Condition From(DataValue source)
    {
        var parser = new ConditionParser();
        ConditionNode root = parser.ParseObject(source, string.Empty);
        return new Condition(source, root, parser.Problems, parser.Groups);
    }

    /// <summary>Compiles condition JSON. Malformed JSON gives a condition that never matches, with a problem.</summary>
    public static Condition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        DataValue source;
        try
        {
            source = DataValue.Parse(json);
        }
        catch (JsonException e)
        {
            var problem = new ConditionProblem(string.Empty, "Malformed JSON: " + e.Message, "Fix the JSON syntax of the condition.");
            return new Condition(DataValue.FromString(json), new InvalidNode("(condition)", DataValue.FromString(json), problem.Message), [problem], []);
        }

        return From(source);
    }

    public bool Evaluate(IAttributeSource attributes, SavedGroups? savedGroups = null) =>
        _root.Evaluate(attributes, savedGroups ?? SavedGroups.Empty);

    /// <summary>Evaluates and records each test with the value it saw, for "explain".</summary>
    public bool Explain(IAttributeSource attributes, SavedGroups? savedGroups, List<ConditionCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return _root.Explain(attributes, savedGroups ?? SavedGroups.Empty, checks, 0);
    }

    public override string ToString() => Source.ToJson();

    /// <summary>The compiled tree, for callers that evaluate many times and skip the wrapper.</summary>
    internal ConditionNode Root => _root;
}
