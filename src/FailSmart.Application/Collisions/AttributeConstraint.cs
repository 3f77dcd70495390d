using System.Globalization;
using FailSmart.Core.Values;

namespace FailSmart.Application.Collisions;

/// <summary>
/// What the targeting of one trial says about one attribute, kept only where it can be decided: exact
/// values of one JSON type (an equality or an id list), excluded values, and a numeric range. Anything
/// else (regex, version operators, <c>$or</c>, <c>$in</c>, which also matches a list sharing a value)
/// adds nothing, so two trials are assumed to overlap unless the kept facts contradict. GrowthBook's
/// shorthand equality coerces (<c>{"n": "5"}</c> matches the number 5) while <c>$eq</c>, <c>$ne</c> and
/// <c>$nin</c> do not, so exact values of different types never contradict, and exclusions only
/// contradict a strict equality.
/// </summary>
internal sealed record AttributeConstraint
{
    /// <summary>The attribute is one of these scalars (JSON text of each), all of <see cref="ExactKind"/>; null when not known.</summary>
    public IReadOnlySet<string>? Exactly { get; init; }

    public DataValueKind ExactKind { get; init; }

    /// <summary>The exact values came from a strict comparison (<c>$eq</c>), not a coercing one.</summary>
    public bool ExactStrict { get; init; }

    /// <summary>The attribute is none of these (JSON text).</summary>
    public IReadOnlySet<string> Excluded { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public double Lower { get; init; } = double.NegativeInfinity;

    public bool LowerInclusive { get; init; } = true;

    public double Upper { get; init; } = double.PositiveInfinity;

    public bool UpperInclusive { get; init; } = true;

    public bool HasRange => !double.IsNegativeInfinity(Lower) || !double.IsPositiveInfinity(Upper);

    /// <summary>Both constraints at once.</summary>
    public AttributeConstraint And(AttributeConstraint other)
    {
        (IReadOnlySet<string>? exactly, DataValueKind kind, bool strict) = (Exactly, other.Exactly) switch
        {
            (null, null) => (null, default(DataValueKind), false),
            (null, _) => (other.Exactly, other.ExactKind, other.ExactStrict),
            (_, null) => (Exactly, ExactKind, ExactStrict),
            // Values of different types may still meet through coercion: nothing is known then.
            _ when ExactKind != other.ExactKind => (null, default(DataValueKind), false),
            _ => (new HashSet<string>(Exactly!.Intersect(other.Exactly!, StringComparer.Ordinal), StringComparer.Ordinal), ExactKind, ExactStrict || other.ExactStrict),
        };

        var (lower, lowerInclusive) = Lower > other.Lower || (Lower == other.Lower && !LowerInclusive) ? (Lower, LowerInclusive) : (other.Lower, other.LowerInclusive);
        var (upper, upperInclusive) = Upper < other.Upper || (Upper == other.Upper && !UpperInclusive) ? (Upper, UpperInclusive) : (other.Upper, other.UpperInclusive);
        return new AttributeConstraint
        {
            Exactly = exactly,
            ExactKind = kind,
            ExactStrict = strict,
            Excluded = new HashSet<string>(Excluded.Union(other.Excluded, StringComparer.Ordinal), StringComparer.Ordinal),
            Lower = lower,
            LowerInclusive = lowerInclusive,
            Upper = upper,
            UpperInclusive = upperInclusive,
        };
    }

    /// <summary>True when no value can satisfy the constraint.</summary>
    public bool IsImpossible()
    {
        if (Lower > Upper || (Lower == Upper && !(LowerInclusive && UpperInclusive)))
        {
            return true;
        }

        if (Exactly is null)
        {
            return false;
        }

        return !Exactly.Any(v => !(ExactStrict && Excluded.Contains(v)) && (!HasRange || ExactKind != DataValueKind.Number || InRange(v)));
    }

    private bool InRange(string json)
    {
        if (!double.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out double x))
        {
            return true;
        }

        return (x > Lower || (LowerInclusive && x == Lower)) && (x < Upper || (UpperInclusive && x == Upper));
    }
}
