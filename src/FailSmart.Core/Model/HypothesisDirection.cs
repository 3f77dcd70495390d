namespace FailSmart.Core.Model;

/// <summary>Which way a hypothesis expects its metric to move.</summary>
public enum HypothesisDirection
{
    /// <summary>The metric should go up.</summary>
    Increase,

    /// <summary>The metric should go down.</summary>
    Decrease,
}
