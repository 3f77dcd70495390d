using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;

namespace FailSmart.Client.Tests;

public sealed class FailSmartClientEvaluationTests
{
    [Fact]
    public void GetBool_with_a_local_rule_set_matches_Core_for_every_unit()
    {
        using IFailSmartClient client = Example.Local();

        for (int i = 0; i < 500; i++)
        {
            bool expected = Example.Production.Evaluate("new-checkout", Example.User(i)).Value.AsBoolean();
            client.GetBool("new-checkout", !expected, Example.User(i)).ShouldBe(expected);
        }
    }

    [Fact]
    public void GetBoolDetail_for_staff_is_a_targeting_match_with_the_variation()
    {
        using IFailSmartClient client = Example.Local();

        FlagEvaluation<bool> detail = client.GetBoolDetail("new-checkout", false, Attributes.Of(("id", "s1"), ("email", "ann@failsmart.dev")));

        detail.Value.ShouldBeTrue();
        detail.VariationKey.ShouldBe("on");
        detail.Reason.ShouldBe(EvaluationReason.TargetingMatch);
        detail.ErrorCode.ShouldBe(FlagErrorCode.None);
        detail.State.ShouldBe(ClientState.Ready);
    }

    [Fact]
    public void GetStringDetail_in_an_experiment_says_which_experiment()
    {
        using IFailSmartClient client = Example.Local();
        Attributes staff = Attributes.Of(("id", "u-42"), ("email", "bo@failsmart.dev"));
        EvaluationResult core = Example.Production.Evaluate("checkout-button", staff);

        FlagEvaluation<string> detail = client.GetStringDetail("checkout-button", "fallback", staff);

        detail.Value.ShouldBe(core.Value.AsString());
        detail.InExperiment.ShouldBe(core.InExperiment);
        detail.ExperimentKey.ShouldBe(core.ExperimentKey);
    }

    [Fact]
    public void GetString_on_a_boolean_flag_returns_the_default_with_a_type_mismatch()
    {
        using IFailSmartClient client = Example.Local();

        FlagEvaluation<string> detail = client.GetStringDetail("new-checkout", "default", Example.User(1));

        detail.Value.ShouldBe("default");
        detail.ErrorCode.ShouldBe(FlagErrorCode.TypeMismatch);
        detail.Reason.ShouldBe(EvaluationReason.Error);
        client.GetNumber("new-checkout", 7.5, Example.User(1)).ShouldBe(7.5);
    }

    [Fact]
    public void GetBool_of_an_unknown_flag_returns_the_default_with_flag_not_found()
    {
        using IFailSmartClient client = Example.Local();

        client.GetBool("no-such-flag", true).ShouldBeTrue();
        client.GetBoolDetail("no-such-flag", false).ErrorCode.ShouldBe(FlagErrorCode.FlagNotFound);
    }

    [Fact]
    public void GetJson_returns_any_value_kind()
    {
        using IFailSmartClient client = Example.Local();

        client.GetJson("checkout-button", DataValue.Null, Example.User(3)).Kind.ShouldBe(DataValueKind.String);
        client.GetJson("missing", DataValue.FromNumber(1), Example.User(3)).ShouldBe(DataValue.FromNumber(1));
    }

    [Fact]
    public void Evaluations_with_null_arguments_or_a_throwing_context_return_the_default()
    {
        using IFailSmartClient client = Example.Local();

        client.GetBool(null!, true).ShouldBeTrue();
        client.GetString("checkout-button", "d", null).ShouldBe("Buy");
        client.GetBool("new-checkout", true, new ThrowingAttributes()).ShouldBeTrue();
        client.GetBoolDetail("new-checkout", true, new ThrowingAttributes()).ErrorCode.ShouldNotBe(FlagErrorCode.None);
    }

    [Fact]
    public void FlagKeys_lists_the_rule_set()
    {
        using IFailSmartClient client = Example.Local();

        client.FlagKeys.ShouldBe(["new-checkout", "checkout-button", "no-ads"], ignoreOrder: true);
        client.Origin.ShouldBe(RuleSetOrigin.Local);
    }

    private sealed class ThrowingAttributes : IAttributeSource
    {
        public bool TryGetAttribute(string name, out DataValue value) => throw new InvalidOperationException("The application's attribute source failed.");
    }
}
