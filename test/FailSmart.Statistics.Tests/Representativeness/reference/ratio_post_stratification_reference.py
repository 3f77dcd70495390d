"""Reference values for PostStratification.EstimateRatio and for post-stratification over joint cells.

Ratio metrics (sum of M over sum of D, randomised by unit): unit rows drawn per stratum and arm with a seeded NumPy
generator (D sessions, M clicks); the cases hold their sufficient statistics. Each arm's reweighted ratio is
sum_h w_h mean(M)_h / sum_h w_h mean(D)_h; its variance is the delta method written generically: the gradient of the
effect (treatment ratio - control ratio) with respect to every stratum-arm's (mean M, mean D), taken by
statsmodels.tools.numdiff.approx_fprime_cs (complex step), against the block-diagonal covariance of those means
(np.cov of the unit rows, ddof = 1, over n). Per-stratum effects the same way with one stratum; Cochran's Q from
statsmodels.stats.meta_analysis.combine_effects.

Joint cells (country x platform) for a mean metric: the post-stratified effect and its variance are the treatment
coefficient and HC2 standard error of statsmodels OLS with treatment fully interacted with the cells' dummies,
centred at the target's shares (Lin 2013; Miratrix, Sekhon & Yu 2013), which equals sum_h w_h diff_h with
variance sum_h w_h^2 V_h.

Run with Debian's python3 (statsmodels 0.13.5, SciPy 1.10.1, NumPy 1.24.2):
    /usr/bin/python3 ratio_post_stratification_reference.py > ratio_post_stratification_reference.json
"""
import json

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.meta_analysis import combine_effects
from statsmodels.tools.numdiff import approx_fprime_cs

Z = st.norm.ppf(0.975)


def draw_ratio(rng, n, sessions, clicks_per_session):
    d = 1 + rng.poisson(sessions - 1, n)
    m = rng.poisson(d * clicks_per_session)
    return m.astype(float), d.astype(float)


def arm_json(m, d):
    return {"n": len(m), "m_sum": float(m.sum()), "m_sq": float((m * m).sum()), "d_sum": float(d.sum()),
            "d_sq": float((d * d).sum()), "md_sum": float((m * d).sum())}


def delta_effect(cells, weights):
    """cells: list of ((m_c, d_c), (m_t, d_t)); the effect of weighted ratios and its delta-method variance."""
    theta, blocks = [], []
    for arms in cells:
        for m, d in arms:
            theta += [m.mean(), d.mean()]
            blocks.append(np.cov(np.vstack([m, d]), ddof=1) / len(m))
    theta = np.array(theta)
    cov = np.zeros((len(theta), len(theta)))
    for i, b in enumerate(blocks):
        cov[2 * i:2 * i + 2, 2 * i:2 * i + 2] = b
    w = np.asarray(weights, float)

    def effect(t):
        means = t.reshape(len(cells), 2, 2)  # stratum, arm, (M, D)
        ratio = [(w @ means[:, a, 0]) / (w @ means[:, a, 1]) for a in (0, 1)]
        return np.array([ratio[1] - ratio[0]])

    grad = approx_fprime_cs(theta, effect)
    return float(effect(theta)[0]), float((grad @ cov @ grad.T)[0, 0])


def ratio_case(name, strata, seed):
    rng = np.random.default_rng(seed)
    cells, out = [], []
    for level, n_c, n_t, sessions, ctr, lift, target in strata:
        c = draw_ratio(rng, n_c, sessions, ctr)
        t = draw_ratio(rng, n_t, sessions, ctr + lift)
        cells.append((c, t))
        out.append({"level": level, "target": target, "control": arm_json(*c), "treatment": arm_json(*t)})
    target = np.array([s[-1] for s in strata], float)
    w = target / target.sum()
    units = np.array([len(c[0]) + len(t[0]) for c, t in cells], float)
    per = [delta_effect([cell], [1.0]) for cell in cells]
    rw, rw_var = delta_effect(cells, w)
    cw, cw_var = delta_effect(cells, units / units.sum())
    pooled = [tuple(np.concatenate([cell[a][k] for cell in cells]) for k in (0, 1)) for a in (0, 1)]
    plain, plain_var = delta_effect([pooled], [1.0])
    meta = combine_effects(np.array([p[0] for p in per]), np.array([p[1] for p in per]))
    se = np.sqrt(rw_var)
    return {"id": name, "strata": out, "expected": {
        "diff": [p[0] for p in per], "var": [p[1] for p in per],
        "reweighted": rw, "reweighted_se": float(se), "reweighted_ci": [rw - Z * se, rw + Z * se],
        "reweighted_p": float(2 * st.norm.sf(abs(rw / se))),
        "cohort_weighted": cw, "cohort_weighted_se": float(np.sqrt(cw_var)),
        "plain": plain, "plain_se": float(np.sqrt(plain_var)),
        "q": float(meta.q), "q_df": int(meta.df_resid), "q_p": float(meta.test_homogeneity().pvalue),
    }}


def joint_case(name, cells, seed):
    rng = np.random.default_rng(seed)
    ys, ts, hs, out = [], [], [], []
    for h, (country, platform, n_c, n_t, mean, effect, sd, target) in enumerate(cells):
        c = rng.normal(mean, sd, n_c)
        t = rng.normal(mean + effect, sd, n_t)
        ys += [c, t]
        ts += [np.zeros(n_c), np.ones(n_t)]
        hs += [np.full(n_c, h), np.full(n_t, h)]
        out.append({"country": country, "platform": platform, "target": target,
                    "control": {"n": n_c, "sum": float(c.sum()), "sum_sq": float((c * c).sum())},
                    "treatment": {"n": n_t, "sum": float(t.sum()), "sum_sq": float((t * t).sum())}})
    y, t, h = np.concatenate(ys), np.concatenate(ts), np.concatenate(hs).astype(int)
    w = np.array([c[-1] for c in cells], float)
    w = w / w.sum()
    dummies = np.eye(len(cells))[h][:, 1:] - w[1:]  # centred at the target's shares
    x = np.column_stack([np.ones_like(y), t, dummies, t[:, None] * dummies])
    fit = sm.OLS(y, x).fit(cov_type="HC2")
    est, se = float(fit.params[1]), float(fit.bse[1])
    return {"id": name, "cells": out, "expected": {"reweighted": est, "reweighted_se": se}}


def main():
    ratios = [
        # Clicks per session: one market dominates the cohort with a larger lift.
        ratio_case("ctr_market_skewed", [("NZ", 2500, 2500, 3.0, 0.30, 0.04, 5_000),
                                         ("US", 400, 380, 4.0, 0.25, 0.00, 60_000),
                                         ("DE", 300, 320, 2.5, 0.20, 0.01, 20_000)], 301),
        ratio_case("ctr_balanced", [("ios", 900, 900, 3.0, 0.30, 0.02, 40),
                                    ("android", 800, 820, 5.0, 0.20, 0.02, 45),
                                    ("web", 300, 310, 2.0, 0.40, 0.02, 15)], 302),
    ]
    joints = [
        joint_case("country_by_platform", [("NZ", "ios", 900, 900, 10.0, 1.0, 3.0, 3_000),
                                           ("NZ", "web", 600, 620, 9.0, 0.8, 3.5, 2_000),
                                           ("US", "ios", 200, 210, 11.0, 0.1, 3.0, 50_000),
                                           ("US", "web", 150, 140, 10.0, -0.2, 4.0, 45_000)], 303),
    ]
    print(json.dumps({
        "source": "statsmodels.tools.numdiff.approx_fprime_cs delta method with NumPy covariances; "
                  "statsmodels.stats.meta_analysis.combine_effects; statsmodels OLS (HC2) with centred cell interactions",
        "versions": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "ratio": ratios, "joint": joints,
    }, indent=1))


if __name__ == "__main__":
    main()
