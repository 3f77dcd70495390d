using FailSmart.Core.Evaluation;

namespace FailSmart.Application.Explain;

/// <summary>How a flag's value was chosen for one set of attributes, and the same trace as text, as <c>failsmart explain</c> prints it.</summary>
public sealed record ExplainResult(EvaluationTrace Trace, string Text);
