"""Reference values for FactorialAnalysis, from statsmodels OLS with cov_type="HC1" on unit rows.

Each case draws unit-level data per cell with a seeded NumPy generator, writes the cells' sufficient
statistics (which the C# analysis reads) and fits statsmodels OLS on the rows with the same effect coding
(each feature +1/2 when on, -1/2 when off; a term is the product of its features' codes), so the two
computations share nothing but the data. Ratio cases linearise each unit around its cell's ratio,
z = R_c + (M - R_c D) / mean(D)_c, and fit z.

Run with Debian's python3 (statsmodels 0.13.5, SciPy 1.10.1, NumPy 1.24.2):
    /usr/bin/python3 factorial_reference.py > factorial_reference.json
"""
import itertools
import json

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm


def terms(k, model):
    max_order = k if model == "Saturated" else min(2, k)
    masks = [m for m in range(1 << k) if bin(m).count("1") <= max_order]
    return sorted(masks, key=lambda m: (bin(m).count("1"), m))


def code(term, cell):
    v = 1.0
    for j in range(5):
        if term & (1 << j):
            v *= 0.5 if cell & (1 << j) else -0.5
    return v


def fit(k, model, cells_rows, alpha=0.05):
    ts = terms(k, model)
    X = []
    y = []
    for c, rows in enumerate(cells_rows):
        for v in rows:
            X.append([code(t, c) for t in ts])
            y.append(v)
    X = np.array(X)
    y = np.array(y)
    res = sm.OLS(y, X).fit(cov_type="HC1")
    ci = res.conf_int(alpha=alpha)
    inter = [i for i, t in enumerate(ts) if bin(t).count("1") >= 2]
    R = np.zeros((len(inter), len(ts)))
    for r, i in enumerate(inter):
        R[r, i] = 1.0
    wald = res.wald_test(R, use_f=False, scalar=True)
    contrast = np.array([code(t, (1 << k) - 1) - code(t, 0) for t in ts])
    bundle = res.t_test(contrast)
    bci = bundle.conf_int(alpha=alpha)[0]
    fitted = [float(np.array([code(t, c) for t in ts]) @ res.params) for c in range(1 << k)]
    return {
        "terms": ts,
        "params": res.params.tolist(),
        "bse": res.bse.tolist(),
        "pvalues": res.pvalues.tolist(),
        "ci_lower": ci[:, 0].tolist(),
        "ci_upper": ci[:, 1].tolist(),
        "wald_chi2": float(wald.statistic),
        "wald_df": len(inter),
        "wald_p": float(wald.pvalue),
        "bundle": float(np.squeeze(bundle.effect)),
        "bundle_se": float(np.squeeze(bundle.sd)),
        "bundle_p": float(np.squeeze(bundle.pvalue)),
        "bundle_ci": [float(bci[0]), float(bci[1])],
        "fitted": fitted,
        "use_t": bool(res.use_t),
    }


def mean_case(name, k, sizes, means, sd, seed, model="Saturated"):
    rng = np.random.default_rng(seed)
    rows = [rng.normal(means[c], sd, sizes[c]) for c in range(1 << k)]
    cells = [{"n": len(r), "sum": float(r.sum()), "sum_sq": float((r * r).sum())} for r in rows]
    return {"id": name, "kind": "mean", "features": k, "model": model, "cells": cells, "expected": fit(k, model, rows)}


def proportion_case(name, k, sizes, rates, seed):
    rng = np.random.default_rng(seed)
    rows = [(rng.random(sizes[c]) < rates[c]).astype(float) for c in range(1 << k)]
    cells = [{"n": len(r), "successes": float(r.sum())} for r in rows]
    return {"id": name, "kind": "proportion", "features": k, "model": "Saturated", "cells": cells, "expected": fit(k, "Saturated", rows)}


def ratio_case(name, k, sizes, seed):
    rng = np.random.default_rng(seed)
    cells = []
    rows = []
    for c in range(1 << k):
        d = rng.poisson(3.0 + 0.3 * (c & 1), sizes[c]).astype(float) + 1.0
        m = d * (2.0 + 0.4 * bool(c & 2) - 0.2 * bool(c & 1)) + rng.normal(0, 1.5, sizes[c])
        r = m.sum() / d.sum()
        z = r + (m - r * d) / d.mean()
        rows.append(z)
        cells.append({"n": sizes[c], "m_sum": float(m.sum()), "m_sum_sq": float((m * m).sum()),
                      "d_sum": float(d.sum()), "d_sum_sq": float((d * d).sum()), "md_sum": float((m * d).sum())})
    return {"id": name, "kind": "ratio", "features": k, "model": "Saturated", "cells": cells, "expected": fit(k, "Saturated", rows)}


def main():
    cases = []
    # k = 2, balanced, no interaction.
    cases.append(mean_case("k2_balanced", 2, [400] * 4, [10.0, 10.5, 10.2, 10.7], 3.0, 101))
    # k = 2, planted interaction: each feature helps alone, together they cancel.
    cases.append(mean_case("k2_planted_interaction", 2, [500, 450, 520, 480], [10.0, 10.8, 10.6, 10.0], 2.5, 102))
    # k = 3, unbalanced cells and unequal variances.
    rng = np.random.default_rng(103)
    sizes3 = [int(s) for s in rng.integers(60, 400, 8)]
    means3 = [5.0 + 0.4 * bool(c & 1) - 0.3 * bool(c & 2) + 0.1 * bool(c & 4) for c in range(8)]
    cases.append(mean_case("k3_unbalanced", 3, sizes3, means3, 1.7, 104))
    # k = 3, the two-way model: the three-way term pooled into the residual.
    cases.append(mean_case("k3_two_way", 3, sizes3, [m + (0.5 if c == 7 else 0) for c, m in enumerate(means3)], 1.7, 105, "TwoWay"))
    # k = 5, 32 cells, unbalanced.
    rng = np.random.default_rng(106)
    sizes5 = [int(s) for s in rng.integers(30, 90, 32)]
    means5 = [3.0 + 0.3 * bool(c & 1) - 0.2 * bool(c & 8) + 0.25 * (bool(c & 2) and bool(c & 4)) for c in range(32)]
    cases.append(mean_case("k5_unbalanced", 5, sizes5, means5, 1.2, 107))
    cases.append(mean_case("k5_two_way", 5, sizes5, means5, 1.2, 108, "TwoWay"))
    # A conversion metric, k = 3.
    cases.append(proportion_case("k3_proportion", 3, [900, 850, 1000, 950, 880, 910, 970, 930],
                                 [0.30, 0.33, 0.29, 0.31, 0.30, 0.34, 0.27, 0.36], 109))
    # A ratio metric, k = 2.
    cases.append(ratio_case("k2_ratio", 2, [300, 350, 320, 280], 110))
    print(json.dumps({
        "source": "statsmodels OLS(y, X).fit(cov_type='HC1') on unit rows; wald_test(use_f=False); t_test for the bundle",
        "versions": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "cases": cases,
    }, indent=1))


if __name__ == "__main__":
    main()
