using System.Data.Common;
using FailSmart.Storage;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Hosting;

/// <summary>Words any start-up failure as one line that says what was wrong and what to do about it.</summary>
internal static class StartupFailure
{
    public static string Describe(Exception exception) => exception switch
    {
        // Stores and options already say what to change.
        StorageException storage => storage.Message,
        OptionsValidationException options => options.Message,
        IOException { InnerException: AddressInUseException } bind =>
            $"{Sentence(bind.Message)} Choose another address with --urls, or stop the program that is using it.",
        DbException database =>
            $"the configuration store failed while FailSmart was starting ({Sentence(database.Message)}) " +
            "Check that it is reachable with Storage:Config:ConnectionString, then start again.",
        InvalidOperationException invalid => invalid.Message,
        _ => $"{exception.GetType().Name}: {Sentence(exception.Message)} This is a fault in FailSmart rather than in its settings; " +
            "the log has the details. Please report it.",
    };

    private static string Sentence(string text) => text.TrimEnd().EndsWith('.') ? text.TrimEnd() : text.TrimEnd() + ".";
}
