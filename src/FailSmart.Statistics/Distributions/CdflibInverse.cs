namespace FailSmart.Statistics.Distributions;

/// <summary>
/// The monotone-inverse search of DCDFLIB (Brown, Lovato &amp; Russell), as SciPy uses it for
/// <c>stdtrit</c> and therefore <c>scipy.stats.t.ppf</c>: step out from a start value until the root is
/// bracketed, then Algorithm R of Bus &amp; Dekker (1975, ACM TOMS 1(4):330) to relative tolerance 1e-8.
/// Reproducing the search, not just its target, is what makes t intervals agree with SciPy to 1e-9:
/// SciPy's own quantile is only accurate to about 1e-8.
/// </summary>
internal static class CdflibInverse
{
    private const double AbsStep = 0.5;
    private const double RelStep = 0.5;
    private const double StepMultiplier = 5.0;
    private const double AbsTolerance = 1e-50;
    private const double RelTolerance = 1e-8;

    /// <summary>Finds x in [small, big] with f(x) = 0 for a monotone f, starting at <paramref name="start"/>.</summary>
    public static double Solve(Func<double, double> f, double start, double small, double big)
    {
        if (double.IsNaN(start))
        {
            return double.NaN;
        }

        double fsmall = f(small);
        double fbig = f(big);
        bool increasing = fbig > fsmall;

        double x = start;
        double step = Math.Max(AbsStep, RelStep * Math.Abs(x));
        double yy = f(x);
        if (yy == 0)
        {
            return x;
        }

        bool stepUp = (increasing && yy < 0) || (!increasing && yy > 0);
        double xlb;
        double xub;
        if (stepUp)
        {
            xlb = start;
            xub = Math.Min(xlb + step, big);
            for (int guard = 0; ; guard++)
            {
                yy = f(xub);
                if (double.IsNaN(yy) || guard > 2_000)
                {
                    return double.NaN;
                }

                bool bounded = (increasing && yy >= 0) || (!increasing && yy <= 0);
                bool atLimit = xub >= big;
                if (bounded || atLimit)
                {
                    if (atLimit && !bounded)
                    {
                        return big;
                    }

                    break;
                }

                step *= StepMultiplier;
                xlb = xub;
                xub = Math.Min(xlb + step, big);
            }
        }
        else
        {
            xub = start;
            xlb = Math.Max(xub - step, small);
            for (int guard = 0; ; guard++)
            {
                yy = f(xlb);
                if (double.IsNaN(yy) || guard > 2_000)
                {
                    return double.NaN;
                }

                bool bounded = (increasing && yy <= 0) || (!increasing && yy >= 0);
                bool atLimit = xlb <= small;
                if (bounded || atLimit)
                {
                    if (atLimit && !bounded)
                    {
                        return small;
                    }

                    break;
                }

                step *= StepMultiplier;
                xub = xlb;
                xlb = Math.Max(xub - step, small);
            }
        }

        return Zero(f, xlb, xub);
    }

    /// <summary>Bus–Dekker Algorithm R, transcribed from DCDFLIB's DZROR; returns its XLO.</summary>
    private static double Zero(Func<double, double> f, double xxlo, double xxhi)
    {
        double xlo = xxlo;
        double b = xlo;
        double fb = f(b);
        xlo = xxhi;
        double a = xlo;
        double fa = f(a);
        if ((fb < 0 && fa < 0) || (fb > 0 && fa > 0))
        {
            return xlo;
        }

        bool first = true;
        double c, fc, d = 0, fd = 0;
        int ext;
        int evaluations = 0;
    restart:
        c = a;
        fc = fa;
        ext = 0;
        while (true)
        {
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                if (c != a)
                {
                    d = a;
                    fd = fa;
                }

                a = b;
                fa = fb;
                xlo = c;
                b = xlo;
                fb = fc;
                c = a;
                fc = fa;
            }

            double tol = 0.5 * Math.Max(AbsTolerance, RelTolerance * Math.Abs(xlo));
            double m = (c + b) * 0.5;
            double mb = m - b;
            if (!(Math.Abs(mb) > tol))
            {
                return xlo;
            }

            double w;
            if (ext > 3)
            {
                w = mb;
            }
            else
            {
                tol = mb >= 0 ? Math.Abs(tol) : -Math.Abs(tol);
                double p = (b - a) * fb;
                double q;
                if (first)
                {
                    q = fa - fb;
                    first = false;
                }
                else
                {
                    double fdb = (fd - fb) / (d - b);
                    double fda = (fd - fa) / (d - a);
                    p = fda * p;
                    q = (fdb * fa) - (fda * fb);
                }

                if (p < 0)
                {
                    p = -p;
                    q = -q;
                }

                if (ext == 3)
                {
                    p *= 2.0;
                }

                if (p == 0 || p <= q * tol)
                {
                    w = tol;
                }
                else if (p < mb * q)
                {
                    w = p / q;
                }
                else
                {
                    w = mb;
                }
            }

            d = a;
            fd = fa;
            a = b;
            fa = fb;
            b += w;
            xlo = b;
            fb = f(xlo);
            if (double.IsNaN(fb) || ++evaluations > 10_000)
            {
                return double.NaN;
            }

            if (fc * fb >= 0)
            {
                goto restart;
            }

            ext = w == mb ? 0 : ext + 1;
        }
    }
}
