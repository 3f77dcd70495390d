using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FailSmart.Client.AspNetCore;

/// <summary>
/// Creates the client when the host starts (so the rule set downloads before the first request) and
/// waits for initialisation up to the configured timeout. Start-up never fails because FailSmart did:
/// an Error state is logged by the client and evaluations return defaults.
/// </summary>
internal sealed class FailSmartStartup(IFailSmartClient client, IOptions<FailSmartClientOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        client.WaitForInitializationAsync(options.Value.InitializationTimeout, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => client.FlushAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
}
