using FailSmart.Core.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FailSmart.Client;

/// <summary>
/// Builds the one <see cref="IFailSmartClient"/> of an application.
/// <code>
/// await using IFailSmartClient flags = new FailSmartClientBuilder()
///     .WithServer(new Uri("https://flags.example.com"), serverKey)
///     .WithCacheDirectory("/var/cache/myapp/failsmart")
///     .Build();
/// await flags.WaitForInitializationAsync(TimeSpan.FromSeconds(5));
/// </code>
/// </summary>
public sealed class FailSmartClientBuilder
{
    private FailSmartClientOptions _options = new();
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private TimeProvider _timeProvider = TimeProvider.System;
    private HttpMessageHandler? _handler;
    private (Configuration Configuration, string Environment)? _local;

    /// <summary>Starts from a copy of the given options.</summary>
    public FailSmartClientBuilder WithOptions(FailSmartClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        return this;
    }

    /// <summary>Changes options in place.</summary>
    public FailSmartClientBuilder Configure(Action<FailSmartClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    public FailSmartClientBuilder WithServer(Uri serverUrl, string serverKey)
    {
        _options.ServerUrl = serverUrl;
        _options.ServerKey = serverKey;
        return this;
    }

    public FailSmartClientBuilder WithCacheDirectory(string path)
    {
        _options.CacheDirectory = path;
        return this;
    }

    public FailSmartClientBuilder WithBootstrapFile(string path)
    {
        _options.BootstrapFile = path;
        return this;
    }

    /// <summary>Evaluates a rule set given in code: no server, no files, state Ready at once. For tests and offline tools.</summary>
    public FailSmartClientBuilder WithLocalRuleSet(Configuration configuration, string environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        _local = (configuration, environment);
        return this;
    }

    public FailSmartClientBuilder WithLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        return this;
    }

    public FailSmartClientBuilder WithTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        return this;
    }

    /// <summary>The HTTP handler for calls to the server (a proxy, a custom certificate check, a test double).</summary>
    public FailSmartClientBuilder WithHttpMessageHandler(HttpMessageHandler handler)
    {
        _handler = handler;
        return this;
    }

    /// <summary>Builds the client and starts initialisation in the background. Never blocks.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public IFailSmartClient Build()
    {
        IReadOnlyList<string> problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid FailSmart client options: " + string.Join(" ", problems));
        }

        return FailSmartClient.Start(_options.Clone(), _loggerFactory, _timeProvider, _handler, _local);
    }
}
