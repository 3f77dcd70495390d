using FailSmart.Application.Access;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Demo;

/// <summary>One change the demo's team makes, when (from the simulation's start), by whom and why.</summary>
internal sealed record DemoWrite(TimeSpan At, Caller Who, ResourceKind Kind, string Document, string Reason, bool AcknowledgesCollisions = false);
