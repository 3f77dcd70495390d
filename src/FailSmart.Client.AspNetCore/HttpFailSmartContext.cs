using FailSmart.Core.Values;
using Microsoft.AspNetCore.Http;

namespace FailSmart.Client.AspNetCore;

/// <summary>Reads the context from the current HTTP request's user.</summary>
internal sealed class HttpFailSmartContext(IHttpContextAccessor accessor) : IFailSmartContext
{
    public IAttributeSource Current => accessor.HttpContext?.User is { } user ? new ClaimsAttributes(user) : Attributes.Empty;
}
