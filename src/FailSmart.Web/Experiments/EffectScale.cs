namespace FailSmart.Web.Experiments;

/// <summary>How an effect is drawn: as a relative lift (a share of the control's value) or in the metric's own unit.</summary>
public enum EffectScale
{
    Relative,
    Absolute,
}
