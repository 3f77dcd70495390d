namespace FailSmart.Web.Shared;

/// <summary>A message for the top of a form when the problem belongs to no single field.</summary>
public sealed record ServiceProblemText(string Message);
