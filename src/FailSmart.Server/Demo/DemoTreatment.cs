namespace FailSmart.Server.Demo;

/// <summary>
/// What a variation does to the people who get it, as factors on what they would otherwise do: how often
/// they come back, how often they buy, what they spend per order, how long pages take, how often they
/// click an ad. 1 everywhere is no effect.
/// </summary>
internal sealed record DemoTreatment(double Return = 1, double Purchase = 1, double OrderValue = 1, double PageLoad = 1, double AdClicks = 1)
{
    public static DemoTreatment None { get; } = new();

    public DemoTreatment Times(DemoTreatment other) =>
        new(Return * other.Return, Purchase * other.Purchase, OrderValue * other.OrderValue, PageLoad * other.PageLoad, AdClicks * other.AdClicks);
}
