using FailSmart.Statistics;

namespace FailSmart.Application.Experiments;

/// <summary>One candidate allocation of an experiment (the share of traffic it enrols) and what it costs to learn at it.</summary>
public sealed record PlanRow(double Allocation, LearningCostRow Cost);
