"""Reference values for CohortMix and PostStratification.

Mix: scipy.stats.chisquare(cohort counts, f_exp = cohort total x target proportions); standardised differences
by hand, (p_c - p_t) / sqrt((p_c(1 - p_c) + p_t(1 - p_t)) / 2).
Post-stratification: unit rows drawn per stratum and arm with a seeded NumPy generator; the cases hold their
sufficient statistics. Per-stratum differences and variances (ddof = 1) and the target-weighted sums by hand
with NumPy; Cochran's Q, its p-value and I^2 from statsmodels.stats.meta_analysis.combine_effects (fixed effect;
I^2 truncated at 0 as Higgins & Thompson 2002 define it, statsmodels leaves it negative).

Run with Debian's python3 (statsmodels 0.13.5, SciPy 1.10.1, NumPy 1.24.2):
    /usr/bin/python3 representativeness_reference.py > representativeness_reference.json
"""
import json

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
from statsmodels.stats.meta_analysis import combine_effects


def mix_case(name, attribute, levels, cohort, target):
    cohort = np.array(cohort, float)
    target = np.array(target, float)
    pc = cohort / cohort.sum()
    pt = target / target.sum()
    chi = st.chisquare(cohort, f_exp=cohort.sum() * pt)
    smd = (pc - pt) / np.sqrt((pc * (1 - pc) + pt * (1 - pt)) / 2)
    return {"id": name, "attribute": attribute, "levels": levels, "cohort": cohort.tolist(), "target": target.tolist(),
            "expected": {"chi2": float(chi.statistic), "df": len(levels) - 1, "p": float(chi.pvalue), "smd": smd.tolist()}}


def ps_case(name, strata, seed, alpha=0.05):
    rng = np.random.default_rng(seed)
    rows = []
    cells = []
    for level, n_c, n_t, mean_c, effect, sd, target in strata:
        c = rng.normal(mean_c, sd, n_c)
        t = rng.normal(mean_c + effect, sd, n_t)
        rows.append((c, t, target))
        cells.append({"level": level, "target": target,
                      "control": {"n": n_c, "sum": float(c.sum()), "sum_sq": float((c * c).sum())},
                      "treatment": {"n": n_t, "sum": float(t.sum()), "sum_sq": float((t * t).sum())}})
    diff = np.array([t.mean() - c.mean() for c, t, _ in rows])
    var = np.array([t.var(ddof=1) / len(t) + c.var(ddof=1) / len(c) for c, t, _ in rows])
    w = np.array([target for _, _, target in rows], float)
    w = w / w.sum()
    n = np.array([len(c) + len(t) for c, t, _ in rows], float)
    cw = n / n.sum()
    z = st.norm.ppf(1 - alpha / 2)
    rw = float(w @ diff)
    rw_se = float(np.sqrt(w * w @ var))
    cw_est = float(cw @ diff)
    cw_se = float(np.sqrt(cw * cw @ var))
    c_all = np.concatenate([c for c, _, _ in rows])
    t_all = np.concatenate([t for _, t, _ in rows])
    plain = float(t_all.mean() - c_all.mean())
    plain_se = float(np.sqrt(t_all.var(ddof=1) / len(t_all) + c_all.var(ddof=1) / len(c_all)))
    meta = combine_effects(diff, var)
    homogeneity = meta.test_homogeneity()
    return {"id": name, "strata": cells, "expected": {
        "diff": diff.tolist(), "var": var.tolist(),
        "reweighted": rw, "reweighted_se": rw_se, "reweighted_ci": [rw - z * rw_se, rw + z * rw_se],
        "reweighted_p": float(2 * st.norm.sf(abs(rw / rw_se))),
        "cohort_weighted": cw_est, "cohort_weighted_se": cw_se,
        "plain": plain, "plain_se": plain_se,
        "q": float(meta.q), "q_df": int(meta.df_resid), "q_p": float(homogeneity.pvalue),
        "i2": float(max(0.0, meta.i2)), "pooled_fixed": float(meta.mean_effect_fe),
    }}


def main():
    mixes = [
        mix_case("country_skewed", "country", ["NZ", "US", "DE", "BR"], [7200, 1100, 900, 800], [120_000, 3_300_000, 830_000, 2_100_000]),
        mix_case("platform_close", "platform", ["ios", "android", "web"], [4100, 4600, 1300], [41_000, 47_500, 12_000]),
        mix_case("plan_two_levels", "plan", ["free", "paid"], [8800, 1200], [70_000, 30_000]),
    ]
    strata = [
        # One small market dominates the cohort; the effect there is large and elsewhere small or negative.
        ps_case("market_skewed", [("NZ", 3000, 3000, 20.0, 1.2, 6.0, 5_000),
                                  ("US", 400, 420, 18.0, -0.2, 7.0, 60_000),
                                  ("DE", 300, 280, 19.0, 0.1, 6.5, 20_000),
                                  ("BR", 250, 260, 15.0, -0.4, 8.0, 15_000)], 201),
        # Homogeneous effect: Q small, I² zero.
        ps_case("homogeneous", [("a", 800, 800, 10.0, 0.5, 3.0, 1),
                                ("b", 700, 650, 11.0, 0.5, 3.0, 1),
                                ("c", 500, 520, 9.0, 0.5, 3.0, 2)], 202),
    ]
    print(json.dumps({
        "source": "scipy.stats.chisquare; NumPy by hand; statsmodels.stats.meta_analysis.combine_effects",
        "versions": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "mix": mixes, "post_stratification": strata,
    }, indent=1))


if __name__ == "__main__":
    main()
