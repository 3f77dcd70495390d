using FailSmart.Core.Values;

namespace FailSmart.Core.Tests.Values;

public sealed class AttributesTests
{
    [Fact]
    public void Parse_json_object_reads_nested_values()
    {
        var attributes = Attributes.Parse("""{"id": "u-42", "age": 30, "address": {"country": "NZ"}}""");

        attributes.TryGetAttribute("age", out DataValue age).ShouldBeTrue();
        age.AsNumber().ShouldBe(30);
        attributes.TryGetAttribute("address", out DataValue address).ShouldBeTrue();
        address.AsObject()!.TryGetAttribute("country", out DataValue country).ShouldBeTrue();
        country.AsString().ShouldBe("NZ");
        attributes.TryGetAttribute("missing", out _).ShouldBeFalse();
    }

    [Fact]
    public void Parse_non_object_json_is_a_format_error()
    {
        Should.Throw<FormatException>(() => Attributes.Parse("[1, 2]"));
    }

    [Fact]
    public void Of_with_many_attributes_finds_each()
    {
        var attributes = new Attributes(Enumerable.Range(0, 20).Select(i => new KeyValuePair<string, DataValue>("a" + i, i)));

        attributes.TryGetAttribute("a17", out DataValue value).ShouldBeTrue();
        value.AsNumber().ShouldBe(17);
    }

    [Fact]
    public void DataValue_json_round_trips_and_compares_structurally()
    {
        DataValue value = DataValue.Parse("""{"b": [1, "x", null, true], "a": {"c": 1.5}}""");

        DataValue.Parse(value.ToJson()).ShouldBe(value);
        value.ToJson().ShouldBe("""{"b":[1,"x",null,true],"a":{"c":1.5}}""");
        value.ShouldNotBe(DataValue.Parse("""{"a": {"c": 1.5}, "b": [1, "x", null, true]}"""));
    }
}
