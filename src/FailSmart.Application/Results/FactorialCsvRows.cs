using FailSmart.Protocol.Results;

namespace FailSmart.Application.Results;

/// <summary>
/// A factorial launch's rows of the results CSV for one metric: each feature's main effect, each interaction (two-way
/// first) and the bundle (all on against all off), in the metric's own unit. A metric the launch could not read yet
/// (its <see cref="FactorialMetricResponse.Message"/> says why) has none.
/// </summary>
public static class FactorialCsvRows
{
    /// <summary>The <c>term_kind</c> of an ordinary row: one variation against the control.</summary>
    public const string VariationKind = "variation";

    /// <summary>The <c>term_kind</c> of a feature's main effect.</summary>
    public const string MainEffectKind = "main-effect";

    /// <summary>The <c>term_kind</c> of an interaction of two or more features.</summary>
    public const string InteractionKind = "interaction";

    /// <summary>The <c>term_kind</c> of the bundle's effect; its <c>term</c> is "bundle".</summary>
    public const string BundleKind = "bundle";

    /// <summary>The metric's factorial rows, in the order main effects, interactions, bundle; none for an ordinary experiment.</summary>
    public static IReadOnlyList<FactorialCsvRow> Of(FactorialMetricResponse? factorial)
    {
        if (factorial is null || factorial.Message is not null)
        {
            return [];
        }

        long units = factorial.Cells?.Sum(c => c.Units) ?? 0;
        var rows = new List<FactorialCsvRow>();
        rows.AddRange((factorial.MainEffects ?? []).Select(t => new FactorialCsvRow(MainEffectKind, t.Name, t.Order, units, t.Effect, t.Reading)));
        rows.AddRange((factorial.Interactions ?? []).Select(t => new FactorialCsvRow(InteractionKind, t.Name, t.Order, units, t.Effect, t.Reading)));
        if (factorial.Bundle is { } bundle)
        {
            rows.Add(new FactorialCsvRow(BundleKind, BundleKind, factorial.Features.Count, units, bundle, null));
        }

        return rows;
    }
}

/// <summary>One term of a factorial launch's reading of a metric, as the CSV writes it.</summary>
/// <param name="Kind">main-effect, interaction or bundle.</param>
/// <param name="Name">The feature, the features joined by " × ", or "bundle".</param>
/// <param name="Order">1 for a main effect, 2 for a two-way interaction; the number of features for the bundle.</param>
/// <param name="Units">Units analysed over all the cells.</param>
/// <param name="Effect">The estimate in the metric's own unit, its interval and p-value.</param>
/// <param name="Reading">helps, hurts or unclear; null for the bundle, which the results read through the verdict.</param>
public sealed record FactorialCsvRow(string Kind, string Name, int Order, long Units, FactorialEffectResponse Effect, string? Reading);
