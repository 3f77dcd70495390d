using FailSmart.Storage.Config;

namespace FailSmart.Application.Problems;

/// <summary>The answer of a service that changes something: the value, a change request waiting for approval, or a problem.</summary>
public sealed record ServiceResult<T>(ServiceOutcome Outcome, T? Value, ServiceProblem? Problem = null, ChangeRequest? Request = null)
{
    public bool Succeeded => Outcome is ServiceOutcome.Created or ServiceOutcome.Changed or ServiceOutcome.Unchanged;

    public static implicit operator ServiceResult<T>(ServiceProblem problem) => new(ServiceOutcome.Refused, default, problem);
}
