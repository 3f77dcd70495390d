using System.Security.Claims;
using FailSmart.Core.Values;

namespace FailSmart.Client.AspNetCore;

/// <summary>
/// A user's claims read as FailSmart attributes, without copying: "id" is the name identifier (or
/// "sub"), "email" the e-mail claim, "roles" the role claims as an array; any other name is the claim
/// of that type.
/// </summary>
public sealed class ClaimsAttributes(ClaimsPrincipal? user) : IAttributeSource
{
    public bool TryGetAttribute(string name, out DataValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = DataValue.Null;
        if (user is null)
        {
            return false;
        }

        string? text = name switch
        {
            "id" => user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value,
            "email" => user.FindFirst(ClaimTypes.Email)?.Value ?? user.FindFirst("email")?.Value,
            "name" => user.Identity?.Name,
            "roles" or "groups" => null,
            _ => user.FindFirst(name)?.Value,
        };
        if (name is "roles" or "groups")
        {
            DataValue[] roles = [.. user.FindAll(ClaimTypes.Role).Concat(user.FindAll("role")).Select(c => DataValue.FromString(c.Value))];
            value = DataValue.FromArray(roles);
            return roles.Length > 0;
        }

        if (text is null)
        {
            return false;
        }

        value = text;
        return true;
    }
}
