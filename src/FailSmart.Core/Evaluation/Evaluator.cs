using System.Collections.Frozen;
using FailSmart.Core.Evaluation.Compiled;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Validation;
using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation;

/// <summary>
/// Evaluates flags of one environment of a configuration. Built once per configuration (it compiles
/// conditions, ranges and layer ownership), then thread-safe and allocation-free per evaluation.
/// Evaluation never throws: failures come back as <see cref="EvaluationReason.Error"/>.
/// </summary>
public sealed partial class Evaluator
{
    private readonly FrozenDictionary<string, CompiledFlag> _flags;
    private readonly SavedGroups _savedGroups;
    private readonly IStickyAssignmentStore? _sticky;
    private readonly int _maxDepth;

    /// <summary>Compiles the configuration for an environment.</summary>
    /// <exception cref="InvalidConfigurationException">The configuration has validation problems (other than invalid conditions).</exception>
    public Evaluator(Configuration configuration, string environment, EvaluatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        // Conditions that do not compile never match, and a launch not yet served by every feature still
        // assigns each unit one cell, so neither can hurt evaluation; anything else could.
        ValidationProblem[] problems = [.. ConfigurationValidator.Validate(configuration).Where(p => p.Blocks)];
        if (problems.Length > 0)
        {
            throw new InvalidConfigurationException(problems);
        }

        options ??= EvaluatorOptions.Default;
        Configuration = configuration;
        Environment = environment;
        _sticky = options.StickyAssignments;
        _maxDepth = options.MaxPrerequisiteDepth;
        _savedGroups = new SavedGroups(configuration.Segments.OfType<IdListSegment>()
            .Select(s => new KeyValuePair<string, IEnumerable<DataValue>>(s.Key, s.Ids)));
        // Keys are interned: applications pass flag keys as literals, which the runtime interns, so
        // the lookup's key comparison is usually a reference check instead of a character compare.
        _flags = FlagCompiler.Compile(configuration, environment)
            .ToFrozenDictionary(pair => string.Intern(pair.Key), pair => pair.Value, StringComparer.Ordinal);
        HasHoldouts = _flags.Values.Any(f => f.Holdouts.Length > 0);
    }

    /// <summary>Whether any flag is inside a holdout's scope, so evaluations may owe <see cref="HoldoutExposures"/>.</summary>
    public bool HasHoldouts { get; }

    public Configuration Configuration { get; }

    public string Environment { get; }

    /// <summary>Keys of every flag this evaluator knows.</summary>
    public IReadOnlyCollection<string> FlagKeys => _flags.Keys;

    /// <summary>Evaluates a flag for a unit. Never throws.</summary>
    public EvaluationResult Evaluate(string flagKey, IAttributeSource attributes)
    {
        if (flagKey is null || !_flags.TryGetValue(flagKey, out CompiledFlag? flag))
        {
            return EvaluationResult.Failure(flagKey ?? string.Empty, EvaluationErrorCode.FlagNotFound, $"Flag '{flagKey}' does not exist.");
        }

        try
        {
            return EvaluateFlag(flag, attributes ?? Attributes.Empty, null, 0);
        }
#pragma warning disable CA1031 // Evaluation must never throw into the host application.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return EvaluationResult.Failure(flagKey, EvaluationErrorCode.Unexpected, e.Message);
        }
    }

    /// <summary>Evaluates a flag and records every step: rules tried, condition results, buckets and ranges.</summary>
    public EvaluationTrace Explain(string flagKey, IAttributeSource attributes)
    {
        var steps = new List<TraceStep>();
        EvaluationResult result;
        if (flagKey is null || !_flags.TryGetValue(flagKey, out CompiledFlag? flag))
        {
            steps.Add(new TraceStep(TraceStepKind.Flag, flagKey ?? string.Empty, false, "No flag has this key."));
            result = EvaluationResult.Failure(flagKey ?? string.Empty, EvaluationErrorCode.FlagNotFound, $"Flag '{flagKey}' does not exist.");
        }
        else
        {
            try
            {
                result = EvaluateFlag(flag, attributes ?? Attributes.Empty, steps, 0);
            }
#pragma warning disable CA1031 // Evaluation must never throw into the host application.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result = EvaluationResult.Failure(flagKey, EvaluationErrorCode.Unexpected, e.Message);
            }
        }

        string detail = result.Reason switch
        {
            EvaluationReason.Default => $"No rule applied: serve the default variation {result.Value.ToJson()}.",
            EvaluationReason.Error => $"Evaluation failed ({result.ErrorCode}): {result.ErrorMessage}",
            _ => $"Serve {result.Value.ToJson()} because {result.Reason}.",
        };
        steps.Add(new TraceStep(TraceStepKind.Result, result.VariationKey ?? "none", !result.IsError, detail));
        return new EvaluationTrace(flagKey ?? string.Empty, Environment, result, steps);
    }
}
