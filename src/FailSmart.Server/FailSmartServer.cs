using FailSmart.Application;
using FailSmart.Server.Api;
using FailSmart.Server.Auth;
using FailSmart.Server.Demo;
using FailSmart.Server.Errors;
using FailSmart.Server.Events;
using FailSmart.Server.Health;
using FailSmart.Server.Hosting;
using FailSmart.Server.Imports;
using FailSmart.Server.OpenFeature;
using FailSmart.Server.Rollouts;
using FailSmart.Server.Sync;
using FailSmart.Server.Webhooks;
using FailSmart.Storage;
using FailSmart.Web;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace FailSmart.Server;

/// <summary>Builds and runs the FailSmart server. Used by Program and by `failsmart serve`.</summary>
public static class FailSmartServer
{
    /// <summary>The address the server listens on when none is configured.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The largest request body accepted, unless an endpoint sets its own limit (event batches do).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Builds the application from command-line arguments and the environment.</summary>
    public static WebApplication Create(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = PublishedWebRoot() });
        ServerConfiguration.Apply(builder, args);
        // Serves the UI's files from a build output in every environment, not only Development; a
        // published server has no runtime manifest and serves them from wwwroot instead.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddFailSmartStores(builder.Configuration);
        builder.Services.AddFailSmartErrors();
        builder.Services.AddFailSmartHealth();
        builder.Services.AddFailSmartAuth();
        builder.Services.AddRolloutEngine(builder.Configuration);
        builder.Services.AddFailSmartApplication();
        builder.Services.AddFailSmartWebUi();
        builder.Services.AddFailSmartRateLimiting();
        builder.Services.AddOfrep();
        builder.Services.AddAdminApi();
        builder.Services.AddSchedulerAndWebhooks();
        builder.Services.AddFailSmartDemo();
        // Defence in depth: JsonBodyCheckMiddleware refuses duplicates with a path first.
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.AllowDuplicateProperties = false);
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName);
        builder.Services.AddSingleton<ExposureRecorder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExposureRecorder>());
        builder.Services.AddFlagUsage();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            RequestSizeLimits.Configure(kestrel.Limits);
            kestrel.RequestHeaderEncodingSelector = _ => RequestSizeLimits.HeaderEncoding;
        });
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<ApiDocumentTransformer>());

        WebApplication app = builder.Build();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeLimits>();

        // Before authentication: a browser's preflight carries no key. Only OFREP routes have a policy.
        app.UseCors();
        app.UseAuthentication();
        app.UseFailSmartWebUser();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.UseMiddleware<JsonBodyCheckMiddleware>();

        app.MapFailSmartHealth();
        app.MapAdminApi();
        app.MapSdkSyncApi();
        app.MapOfrepApi();
        app.MapEventIngestionApi(app.Services.GetRequiredService<IOptions<IngestOptions>>().Value.MaxBatchBytes);
        app.MapUsageIngestionApi();
        app.MapEventImportApi(app.Services.GetRequiredService<IOptions<IngestOptions>>().Value.MaxImportBytes);
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("FailSmart API"));
        MapStaticAssetsWhenBuilt(app);
        app.MapFailSmartWebUi();

        return app;
    }

    // A published server, and the installed failsmart tool, carry the UI's files in wwwroot beside the program;
    // the default web root is under the folder it was started from, where they are not.
    private static string? PublishedWebRoot()
    {
        string published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(published) ? published : null;
    }

    // The build writes the manifest of the UI's static files (MudBlazor's styles, the Blazor script, app.css)
    // beside the program: named after the server, or after the host that carries it (the failsmart tool).
    // A host without either would still serve the pages, but unstyled and never interactive.
    private static void MapStaticAssetsWhenBuilt(WebApplication app)
    {
        string? manifest = new[] { app.Environment.ApplicationName, "FailSmart.Server" }
            .Select(name => Path.Combine(AppContext.BaseDirectory, name + ".staticwebassets.endpoints.json"))
            .FirstOrDefault(File.Exists);
        if (manifest is not null)
        {
            app.MapStaticAssets(manifest).ExcludeFromDescription();
        }
    }

    /// <summary>
    /// Runs until shutdown. Returns a process exit code: 0 after a clean stop, 1 when start-up failed. Every
    /// start-up failure is one "FailSmart could not start: …" line on the error stream, never a stack trace:
    /// an orchestrator restarting a replica shows that line, and the log keeps the details. The line goes to
    /// the error writer given (standard error by default; `failsmart serve` passes its command's error stream).
    /// </summary>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) => RunAsync(args, null, cancellationToken);

    /// <inheritdoc cref="RunAsync(string[], CancellationToken)"/>
    public static async Task<int> RunAsync(string[] args, TextWriter? error, CancellationToken cancellationToken = default)
    {
        error ??= Console.Error;
        WebApplication app;
        try
        {
            app = Create(args);
        }
#pragma warning disable CA1031 // The last resort: one line that says what was wrong and exit code 1, never a stack trace.
        catch (Exception ex)
        {
            return await CouldNotStartAsync(null, ex, error);
        }
#pragma warning restore CA1031

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0; // stopped before it was ready, as asked
            }
#pragma warning disable CA1031 // As above: every start-up failure, whatever its type.
            catch (Exception ex)
            {
                return await CouldNotStartAsync(app.Logger, ex, error);
            }
#pragma warning restore CA1031

            // Returns once the host has stopped gracefully, when the token is cancelled or on a signal.
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
    }

    private static async Task<int> CouldNotStartAsync(ILogger? logger, Exception exception, TextWriter error)
    {
        string reason = StartupFailure.Describe(exception);
        if (logger is not null)
        {
            if (exception is StorageException storage)
            {
                ServerLog.StartupFailed(logger, storage.Code, storage.Message);
            }
            else
            {
                ServerLog.StartupFailedUnexpectedly(logger, exception);
            }
        }

        await error.WriteLineAsync($"FailSmart could not start: {reason}");
        return 1;
    }
}
