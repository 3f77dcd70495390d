namespace FailSmart.Server.Demo;

/// <summary>
/// One simulated person: the attributes flags target, the day they first came, the hour of day they use
/// the product, and their own propensities (how often they return, their usual page-load time).
/// </summary>
internal sealed record DemoUnit(int Index, string Id, string Country, string Platform, int ArrivalDay, TimeSpan TimeOfDay, double ReturnRate, double PageLoadMs);
