using Microsoft.Extensions.Options;

namespace FailSmart.Client.AspNetCore;

/// <summary>Checks the "FailSmart" options at start, listing every problem with how to fix it.</summary>
internal sealed class FailSmartOptionsValidator : IValidateOptions<FailSmartClientOptions>
{
    public ValidateOptionsResult Validate(string? name, FailSmartClientOptions options)
    {
        IReadOnlyList<string> problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
