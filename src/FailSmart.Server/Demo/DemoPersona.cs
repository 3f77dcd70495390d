using FailSmart.Application.Access;

namespace FailSmart.Server.Demo;

/// <summary>
/// The simulated team members whose changes the demo's history shows. Their names carry "(demo)" so that
/// nobody mistakes them for accounts: they cannot sign in.
/// </summary>
internal static class DemoPersona
{
    public static Caller Dana { get; } = Of("Dana Okafor", "dana", "data team");
    public static Caller Maya { get; } = Of("Maya Chen", "maya", "growth");
    public static Caller Leo { get; } = Of("Leo Park", "leo", "home and ads");
    public static Caller Aroha { get; } = Of("Aroha Ngata", "aroha", "New Zealand");
    public static Caller Sam { get; } = Of("Sam Rivera", "sam", "platform");

    private static Caller Of(string name, string id, string team) =>
        new($"{name} ({team}, demo) <{id}@example.com>", "demo-" + id, CallerRole.Admin);
}
