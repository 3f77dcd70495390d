using FailSmart.Core.Values;

namespace FailSmart.Client.AspNetCore;

/// <summary>The current request's evaluation context: the signed-in user's claims.</summary>
public interface IFailSmartContext
{
    /// <summary>The attributes of the current user (empty outside a request or when anonymous).</summary>
    IAttributeSource Current { get; }
}
