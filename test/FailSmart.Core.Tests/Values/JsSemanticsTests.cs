using FailSmart.Core.Values;

namespace FailSmart.Core.Tests.Values;

public sealed class JsSemanticsTests
{
    // Expected strings are what JavaScript's String(number) prints (ECMA-262 Number::toString).
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(8.0, "8")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void NumberToString_matches_javascript(double value, string expected)
    {
        JsSemantics.NumberToString(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("8", 8.0)]
    [InlineData(" 8 ", 8.0)]
    [InlineData("", 0.0)]
    [InlineData("0x1A", 26.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("\uFEFF8\u2028", 8.0)]
    [InlineData("\u00A0\u3000", 0.0)]
    public void StringToNumber_matches_javascript(string text, double expected)
    {
        JsSemantics.StringToNumber(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,000")]
    [InlineData("NaN")]
    [InlineData("∞")]
    [InlineData("\u0085")]
    [InlineData("8\u0085")]
    public void StringToNumber_rejects_what_javascript_rejects(string text)
    {
        double.IsNaN(JsSemantics.StringToNumber(text)).ShouldBeTrue();
    }

    [Fact]
    public void TryCompare_strings_compare_by_utf16_code_unit()
    {
        JsSemantics.TryCompare("AZL", "alphabet", out int c).ShouldBeTrue();

        c.ShouldBeLessThan(0);
    }

    [Fact]
    public void TryCompare_with_nan_is_undefined()
    {
        JsSemantics.TryCompare("abc", 5, out _).ShouldBeFalse();
    }
}
