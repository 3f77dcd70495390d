namespace FailSmart.Statistics;

/// <summary>Which interaction terms the factorial model includes besides the intercept and the main effects.</summary>
public enum FactorialModel
{
    /// <summary>
    /// Every interaction up to the order of the number of features: one coefficient per cell, so the model's cell
    /// means are the observed ones and no omitted interaction can bias a main effect. The default.
    /// </summary>
    Saturated,

    /// <summary>Main effects and two-way interactions only; higher-order interactions are pooled into the residual.</summary>
    TwoWay,
}
