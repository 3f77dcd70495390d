using FailSmart.Application.Populations;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;
using FailSmart.Storage;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Results.Representativeness;

/// <summary>Where a target population's units per level of an attribute come from: a stored table, or every exposure in a window.</summary>
/// <param name="Target">How the response names the target.</param>
/// <param name="UnitsByAsync">Units per level of an attribute; null when the target does not know the attribute.</param>
/// <param name="CellsAsync">
/// Units per cell of several attributes (keyed by <see cref="JointValue"/>); null when the target holds only each
/// attribute's own counts.
/// </param>
internal sealed record TargetSource(
    RepresentativenessTarget Target,
    Func<string, CancellationToken, Task<IReadOnlyDictionary<string, double>?>> UnitsByAsync,
    Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, double>?>> CellsAsync)
{
    /// <summary>A stored population is a table of joint strata, so it knows every cell of its attributes.</summary>
    public static TargetSource Of(TargetPopulation population) => new(
        new RepresentativenessTarget("population", population.Key, null, null),
        (attribute, _) => Task.FromResult(population.UnitsBy(attribute)),
        (attributes, _) => Task.FromResult<IReadOnlyDictionary<string, double>?>(Cells(population, attributes)));

    /// <summary>Every unit exposed to anything in the environment in the window; units without the attribute are left out.</summary>
    public static TargetSource AllExposures(IEventStore store, string environment, DateTimeOffset from, DateTimeOffset to) => new(
        new RepresentativenessTarget(RepresentativenessQuery.AllExposures, null, from, to),
        async (attribute, cancellationToken) =>
        {
            IReadOnlyList<AttributeUnits> counts = await store.CountUnitsByAttributeAsync(environment, attribute, from, to, cancellationToken);
            return counts.Where(c => c.Value is not null).ToDictionary(c => c.Value!, c => (double)c.Units, StringComparer.Ordinal);
        },
        async (attributes, cancellationToken) =>
        {
            try
            {
                IReadOnlyList<AttributeUnits> counts = await store.CountUnitsByAttributesAsync(environment, attributes, from, to, cancellationToken);
                return counts.Where(c => c.Value is not null).ToDictionary(c => c.Value!, c => (double)c.Units, StringComparer.Ordinal);
            }
            catch (NotSupportedException)
            {
                return null;
            }
        });

    private static Dictionary<string, double>? Cells(TargetPopulation population, IReadOnlyList<string> attributes)
    {
        int[] columns = [.. attributes.Select(a => population.Attributes.ToList().FindIndex(p => string.Equals(p, a, StringComparison.OrdinalIgnoreCase)))];
        return columns.Any(c => c < 0)
            ? null
            : population.Strata
                .GroupBy(s => JointValue.Join(columns.Select(c => s.Values[c])), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(s => s.Units), StringComparer.Ordinal);
    }
}
