using MathNet.Numerics;

namespace FailSmart.Statistics.Distributions;

/// <summary>
/// Student's t distribution. Tails come from the regularised incomplete beta function and the
/// quantile is refined by Newton steps on that tail, so both match SciPy to ~1e-12 or better.
/// </summary>
internal static class StudentT
{
    /// <summary>Upper tail P(T &gt; t) for t of any sign.</summary>
    public static double Survival(double t, double dof)
    {
        if (double.IsPositiveInfinity(dof))
        {
            return StandardNormal.Survival(t);
        }

        double x = dof / (dof + (t * t));
        double tail = 0.5 * SpecialFunctions.BetaRegularized(0.5 * dof, 0.5, x);
        return t >= 0 ? tail : 1 - tail;
    }

    /// <summary>Two-sided p-value for a t statistic.</summary>
    public static double TwoSidedP(double t, double dof)
    {
        if (double.IsPositiveInfinity(dof))
        {
            return StandardNormal.TwoSidedP(t);
        }

        double x = dof / (dof + (t * t));
        return Math.Min(1.0, SpecialFunctions.BetaRegularized(0.5 * dof, 0.5, x));
    }

    public static double Pdf(double t, double dof)
    {
        double logDensity = SpecialFunctions.GammaLn(0.5 * (dof + 1)) - SpecialFunctions.GammaLn(0.5 * dof)
            - (0.5 * Math.Log(dof * Math.PI)) - (0.5 * (dof + 1) * Math.Log(1 + (t * t / dof)));
        return Math.Exp(logDensity);
    }

    /// <summary>
    /// The quantile as <c>scipy.stats.t.ppf(p, dof)</c> computes it (DCDFLIB <c>cdft</c>, which = 2):
    /// a series start value refined by <see cref="CdflibInverse"/>.
    /// </summary>
    public static double Quantile(double p, double dof)
    {
        // Degenerate arms (no variance) give NaN dof; the quantile is then undefined, not an endless search.
        if (!(dof > 0) || !(p > 0 && p < 1))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(dof))
        {
            return StandardNormal.Quantile(p);
        }

        double q = 1.0 - p;
        bool useLowerTail = p <= q;
        double start = StartValue(p, q, dof);
        return CdflibInverse.Solve(t => useLowerTail ? LowerTail(t, dof) - p : UpperTail(t, dof) - q, start, -1e100, 1e100);
    }

    /// <summary>P(T ≤ t) as DCDFLIB's <c>cumt</c> forms it.</summary>
    private static double LowerTail(double t, double dof)
    {
        double tt = t * t;
        double dfptt = dof + tt;
        return t <= 0
            ? 0.5 * SpecialFunctions.BetaRegularized(0.5 * dof, 0.5, dof / dfptt)
            : SpecialFunctions.BetaRegularized(0.5, 0.5 * dof, tt / dfptt) + (0.5 * SpecialFunctions.BetaRegularized(0.5 * dof, 0.5, dof / dfptt));
    }

    /// <summary>P(T &gt; t) as DCDFLIB's <c>cumt</c> forms it.</summary>
    private static double UpperTail(double t, double dof)
    {
        double tt = t * t;
        double dfptt = dof + tt;
        return t > 0
            ? 0.5 * SpecialFunctions.BetaRegularized(0.5 * dof, 0.5, dof / dfptt)
            : SpecialFunctions.BetaRegularized(0.5, 0.5 * dof, tt / dfptt) + (0.5 * SpecialFunctions.BetaRegularized(0.5 * dof, 0.5, dof / dfptt));
    }

    /// <summary>DCDFLIB <c>dt1</c>: Abramowitz &amp; Stegun 26.7.5 expansion around the normal quantile.</summary>
    private static double StartValue(double p, double q, double dof)
    {
        double x = Math.Abs(StandardNormal.Quantile(p));
        double xx = x * x;
        double sum = x;
        double denpow = 1.0;
        double[][] coef =
        [
            [1.0, 1.0],
            [3.0, 16.0, 5.0],
            [-15.0, 17.0, 19.0, 3.0],
            [-945.0, -1920.0, 1482.0, 776.0, 79.0],
        ];
        double[] denom = [4.0, 96.0, 384.0, 92160.0];
        for (int i = 0; i < 4; i++)
        {
            double poly = 0;
            for (int k = coef[i].Length - 1; k >= 0; k--)
            {
                poly = (poly * xx) + coef[i][k];
            }

            denpow *= dof;
            sum += poly * x / (denpow * denom[i]);
        }

        return p >= 0.5 ? sum : -sum;
    }
}
