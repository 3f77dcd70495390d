using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>A compiled test of one attribute value (an equality or an operator object).</summary>
internal abstract class ValueTest(DataValue source)
{
    /// <summary>The condition JSON this test was compiled from, for explanations.</summary>
    public DataValue Source => source;

    public abstract bool Test(in DataValue actual, SavedGroups groups);

    /// <summary>Why the test could not match this value, when there is more to say than "false".</summary>
    public virtual string? Explain(in DataValue actual) => null;
}
