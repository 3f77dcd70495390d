using System.Security.Claims;
using FailSmart.Core.Values;

namespace FailSmart.Client.AspNetCore.Tests;

public sealed class ClaimsAttributesTests
{
    private static readonly ClaimsPrincipal s_user = new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, "u-42"),
        new Claim(ClaimTypes.Email, "ann@failsmart.dev"),
        new Claim(ClaimTypes.Role, "staff"),
        new Claim(ClaimTypes.Role, "admin"),
        new Claim("country", "NZ"),
    ], "test"));

    [Fact]
    public void TryGetAttribute_maps_id_email_roles_and_any_claim_type()
    {
        var attributes = new ClaimsAttributes(s_user);

        attributes.TryGetAttribute("id", out DataValue id).ShouldBeTrue();
        id.AsString().ShouldBe("u-42");
        attributes.TryGetAttribute("email", out DataValue email).ShouldBeTrue();
        email.AsString().ShouldBe("ann@failsmart.dev");
        attributes.TryGetAttribute("roles", out DataValue roles).ShouldBeTrue();
        roles.AsArray()!.Select(r => r.AsString()).ShouldBe(["staff", "admin"]);
        attributes.TryGetAttribute("country", out DataValue country).ShouldBeTrue();
        country.AsString().ShouldBe("NZ");
        attributes.TryGetAttribute("plan", out _).ShouldBeFalse();
    }

    [Fact]
    public void TryGetAttribute_for_no_user_finds_nothing()
    {
        new ClaimsAttributes(null).TryGetAttribute("id", out DataValue value).ShouldBeFalse();
        value.IsNull.ShouldBeTrue();
    }

    [Fact]
    public void Staff_claims_select_the_staff_rule_of_the_example()
    {
        using IFailSmartClient client = new FailSmartClientBuilder().WithBootstrapFile(Path.Combine(FailSmart.Testing.RepositoryRoot.Find(), "docs", "examples", "checkout.json")).Build();

        client.GetBoolDetail("new-checkout", false, new ClaimsAttributes(s_user)).VariationKey.ShouldBe("on");
    }
}
