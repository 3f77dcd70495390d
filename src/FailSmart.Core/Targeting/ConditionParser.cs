using FailSmart.Core.Targeting.Nodes;
using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting;

/// <summary>
/// Compiles GrowthBook condition JSON into a tree of tests once, so evaluation does no parsing,
/// no regex construction and no allocation. Problems are collected, never thrown.
/// </summary>
internal sealed class ConditionParser
{
    private const string OperatorsHint = "Use one of: $eq $ne $lt $lte $gt $gte $exists $in $nin $ini $nini $inGroup $notInGroup $not $size $elemMatch $all $alli $regex $regexi $type $veq $vne $vgt $vgte $vlt $vlte.";

    private readonly List<ConditionProblem> _problems = [];
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);

    public IReadOnlyList<ConditionProblem> Problems => _problems;

    public IReadOnlyCollection<string> Groups => _groups;

    public ConditionNode ParseObject(DataValue condition, string path)
    {
        ObjectValue? obj = condition.AsObject();
        if (obj is null)
        {
            return Invalid(path, "(condition)", condition, "A condition must be a JSON object, got " + JsSemantics.TypeName(condition) + ".", "Write the condition as an object, e.g. {\"country\": \"NZ\"}; use {} to match everyone.");
        }

        var children = new ConditionNode[obj.Count];
        int i = 0;
        foreach (KeyValuePair<string, DataValue> entry in obj)
        {
            string at = JsonPathText.Property(path, entry.Key);
            children[i++] = entry.Key switch
            {
                "$or" => new AnyOfNode(ParseList(entry.Value, at, "$or"), negate: false),
                "$nor" => new AnyOfNode(ParseList(entry.Value, at, "$nor"), negate: true),
                "$and" => new AllOfNode(ParseList(entry.Value, at, "$and"), "$and"),
                "$not" => new NotNode(ParseObject(entry.Value, at)),
                // Interned, so the lookup usually matches the caller's literal by reference.
                _ => new PathNode(entry.Key, [.. entry.Key.Split('.').Select(string.Intern)], ParseValue(entry.Value, at, ignoreCase: false)),
            };
        }

        return children.Length == 1 ? children[0] : new AllOfNode(children, label: null);
    }

    private ConditionNode[] ParseList(DataValue value, string path, string op)
    {
        ArrayValue? array = value.AsArray();
        if (array is null)
        {
            Problem(path, op + " needs an array of conditions.", "Write " + op + ": [{...}, {...}].");
            return [new InvalidNode(op, value, op + " needs an array")];
        }

        var nodes = new ConditionNode[array.Count];
        for (int i = 0; i < array.Count; i++)
        {
            nodes[i] = ParseObject(array[i], JsonPathText.Index(path, i));
        }

        return nodes;
    }

    /// <summary>A value condition: a literal to compare with, or an object of operators.</summary>
    private ValueTest ParseValue(DataValue condition, string path, bool ignoreCase)
    {
        switch (condition.Kind)
        {
            case DataValueKind.String:
                return new StringEqualsTest(condition, condition.AsString()!, ignoreCase);
            case DataValueKind.Number:
                return new NumberEqualsTest(condition, condition.AsNumber());
            case DataValueKind.Boolean:
                return new BooleanEqualsTest(condition, condition.AsBoolean());
            case DataValueKind.Null:
                return new NullEqualsTest();
            case DataValueKind.Array:
                return new DeepEqualsTest(condition);
            default:
                ObjectValue obj = condition.AsObject()!;
                if (!IsOperatorObject(obj))
                {
                    return new DeepEqualsTest(condition);
                }

                var operators = new ValueTest[obj.Count];
                int i = 0;
                foreach (KeyValuePair<string, DataValue> entry in obj)
                {
                    operators[i++] = ParseOperator(entry.Key, entry.Value, JsonPathText.Property(path, entry.Key));
                }

                return operators.Length == 1 ? operators[0] : new AllOperatorsTest(condition, operators);
        }
    }

    private static bool IsOperatorObject(ObjectValue obj)
    {
        if (obj.Count == 0)
        {
            return false;
        }

        foreach (KeyValuePair<string, DataValue> entry in obj)
        {
            if (!entry.Key.StartsWith('$'))
            {
                return false;
            }
        }

        return true;
    }

    private ValueTest ParseOperator(string op, DataValue argument, string path)
    {
        DataValue source = DataValue.FromObject([new(op, argument)]);
        switch (op)
        {
            case "$eq":
                return new StrictEqualsTest(source, argument, negate: false);
            case "$ne":
                return new StrictEqualsTest(source, argument, negate: true);
            case "$lt":
                return new CompareTest(source, ComparisonOperator.LessThan, argument);
            case "$lte":
                return new CompareTest(source, ComparisonOperator.LessThanOrEqual, argument);
            case "$gt":
                return new CompareTest(source, ComparisonOperator.GreaterThan, argument);
            case "$gte":
                return new CompareTest(source, ComparisonOperator.GreaterThanOrEqual, argument);
            case "$exists":
                return new ExistsTest(source, JsSemantics.IsTruthy(argument));
            case "$in" or "$nin" or "$ini" or "$nini":
                ArrayValue? list = argument.AsArray();
                if (list is null)
                {
                    return Never(source, path, op + " needs an array.", "Write " + op + ": [\"a\", \"b\"].");
                }

                return new InTest(source, new ValueSet(list, ignoreCase: op is "$ini" or "$nini"), negate: op is "$nin" or "$nini");
            case "$inGroup" or "$notInGroup":
                string? group = argument.AsString();
                if (group is null)
                {
                    return Never(source, path, op + " needs a segment key (a string).", "Write " + op + ": \"beta-testers\".");
                }

                _groups.Add(group);
                return new InGroupTest(source, group, negate: op == "$notInGroup");
            case "$not":
                return new NotTest(source, ParseValue(argument, path, ignoreCase: false));
            case "$size":
                return new SizeTest(source, ParseValue(argument, path, ignoreCase: false));
            case "$elemMatch":
                ObjectValue? inner = argument.AsObject();
                if (inner is null)
                {
                    return Never(source, path, "$elemMatch needs an object.", "Write $elemMatch: {\"$gt\": 10} or $elemMatch: {\"name\": \"x\"}.");
                }

                return IsOperatorObject(inner)
                    ? new ElemMatchTest(source, ParseValue(argument, path, ignoreCase: false), null)
                    : new ElemMatchTest(source, null, ParseObject(argument, path));
            case "$all" or "$alli":
                ArrayValue? items = argument.AsArray();
                if (items is null)
                {
                    return Never(source, path, op + " needs an array.", "Write " + op + ": [\"a\", \"b\"].");
                }

                var tests = new ValueTest[items.Count];
                for (int i = 0; i < items.Count; i++)
                {
                    tests[i] = ParseValue(items[i], JsonPathText.Index(path, i), ignoreCase: op == "$alli");
                }

                return new AllItemsTest(source, tests);
            case "$regex" or "$regexi":
                return ParseRegex(source, op, argument, path);
            case "$type":
                string? type = argument.AsString();
                if (type is not ("string" or "number" or "boolean" or "array" or "object" or "null"))
                {
                    Problem(path, "$type must be one of string, number, boolean, array, object, null.", "Fix the type name.");
                }

                return new TypeTest(source, type ?? string.Empty);
            case "$veq":
                return new VersionTest(source, ComparisonOperator.Equal, VersionString.Pad(argument));
            case "$vne":
                return new VersionTest(source, ComparisonOperator.NotEqual, VersionString.Pad(argument));
            case "$vgt":
                return new VersionTest(source, ComparisonOperator.GreaterThan, VersionString.Pad(argument));
            case "$vgte":
                return new VersionTest(source, ComparisonOperator.GreaterThanOrEqual, VersionString.Pad(argument));
            case "$vlt":
                return new VersionTest(source, ComparisonOperator.LessThan, VersionString.Pad(argument));
            case "$vlte":
                return new VersionTest(source, ComparisonOperator.LessThanOrEqual, VersionString.Pad(argument));
            default:
                return Never(source, path, "Unknown operator " + op + ".", OperatorsHint);
        }
    }

    private ValueTest ParseRegex(DataValue source, string op, DataValue argument, string path)
    {
        string? pattern = argument.AsString();
        if (pattern is null)
        {
            return Never(source, path, op + " needs a pattern string.", "Write " + op + ": \"^abc\".");
        }

        if (!JsRegexTranslator.TryTranslate(pattern, ignoreCase: op == "$regexi", out string translated, out string error))
        {
            return InvalidRegex(source, path, error);
        }

        try
        {
            // Linear in the input whatever the pattern, so no match timeout is needed. Case is folded
            // by the translation (JavaScript's rules), not by the engine.
            return new RegexTest(source, RegexCache.Get(translated), null);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return InvalidRegex(source, path, e.Message);
        }
    }

    private RegexTest InvalidRegex(DataValue source, string path, string error)
    {
        Problem(path, "Invalid regular expression: " + error + ".", "Fix the pattern: it is JavaScript syntax (as GrowthBook's), evaluated in linear time, so lookarounds and backreferences are refused. It will never match until fixed.");
        return new RegexTest(source, null, error);
    }

    private NeverTest Never(DataValue source, string path, string message, string hint)
    {
        Problem(path, message, hint);
        return new NeverTest(source, message);
    }

    private InvalidNode Invalid(string path, string target, DataValue source, string message, string hint)
    {
        Problem(path, message, hint);
        return new InvalidNode(target, source, message);
    }

    private void Problem(string path, string message, string hint) => _problems.Add(new ConditionProblem(path, message, hint));
}
