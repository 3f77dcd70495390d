using FailSmart.Core.Values;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement;

/// <summary>
/// One check of a FailSmart flag through Microsoft.FeatureManagement: the definition the provider
/// builds for it, fresh each time, and the filter's one evaluation. The feature manager runs the
/// filter (with the context it was given, or the ambient one) before it picks the variant, so the
/// variation that evaluation served becomes the allocation's default and the only variant. The
/// provider evaluates nothing, so a check makes one evaluation and records one unit's exposure.
/// </summary>
internal sealed class FailSmartFeatureCheck
{
    private readonly List<VariantDefinition> _variants = [];
    private readonly Allocation _allocation = new();

    public FailSmartFeatureCheck(string feature)
    {
        Definition = new FeatureDefinition
        {
            Name = feature,
            EnabledFor = [new FeatureFilterConfiguration { Name = FailSmartFeatureFilter.Alias, ParametersObject = this }],
            Variants = _variants,
            Allocation = _allocation,
        };
    }

    public FeatureDefinition Definition { get; }

    /// <summary>
    /// Evaluates the flag once for <paramref name="targeting"/>, records the variation in
    /// <paramref name="check"/> (the filter's settings; absent when an application names the filter in its
    /// own configuration) and says whether the feature is enabled.
    /// </summary>
    public static bool Evaluate(IFailSmartClient client, string feature, object? check, ITargetingContext? targeting)
    {
        FlagEvaluation<DataValue> detail = client.GetJsonDetail(feature, DataValue.Null, new TargetingAttributes(targeting));
        (check as FailSmartFeatureCheck)?.Record(detail);
        return FeatureEnabled.For(detail);
    }

    private void Record(in FlagEvaluation<DataValue> detail)
    {
        _variants.Clear();
        if (detail.IsDefault || detail.VariationKey is not { } served)
        {
            return; // no variation served: no variant
        }

        _variants.Add(new VariantDefinition { Name = served, ConfigurationValue = VariantConfiguration.From(detail.Value) });
        _allocation.DefaultWhenEnabled = served;
        _allocation.DefaultWhenDisabled = served;
    }
}
