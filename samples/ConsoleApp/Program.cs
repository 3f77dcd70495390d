using FailSmart.Client;
using FailSmart.Core.Values;

// FailSmart from a console program. With FAILSMART_URL and FAILSMART_KEY set it follows your server;
// without them it runs offline from the bootstrap file (docs/examples/checkout.json).
string? url = Environment.GetEnvironmentVariable("FAILSMART_URL");
string? key = Environment.GetEnvironmentVariable("FAILSMART_KEY");

FailSmartClientBuilder builder = new FailSmartClientBuilder()
    .WithBootstrapFile(Path.Combine(AppContext.BaseDirectory, "checkout.json"))
    .WithCacheDirectory(Path.Combine(Path.GetTempPath(), "failsmart-console-sample"));
if (url is not null && key is not null)
{
    builder.WithServer(new Uri(url), key);
}

await using IFailSmartClient flags = builder.Build();
ClientState state = await flags.WaitForInitializationAsync(TimeSpan.FromSeconds(5));
Console.WriteLine($"State: {state} (rule set from {flags.Origin}){(flags.StateReason is { } why ? ": " + why : string.Empty)}");

string[] users = ["ann@failsmart.dev", "bo@example.com", "cy@example.com"];
for (int i = 0; i < users.Length; i++)
{
    Attributes user = Attributes.Of(("id", "u-" + i), ("email", users[i]), ("country", "GB"), ("appVersion", "4.3.0"));
    FlagEvaluation<bool> checkout = flags.GetBoolDetail("new-checkout", false, user);
    string button = flags.GetString("checkout-button", "Buy", user);
    Console.WriteLine($"{users[i],-20} new-checkout={checkout.Value,-5} ({checkout.Reason}, {checkout.VariationKey})  button=\"{button}\"");
    flags.Track("u-" + i, "purchase", 20 + i);
}

Console.WriteLine($"Events: {flags.Delivery.Queued} queued, {flags.Delivery.Dropped} dropped.");
