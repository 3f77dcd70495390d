using System.Text;
using FailSmart.Application.Investment;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Lifecycle;
using Microsoft.AspNetCore.Mvc;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/features/{key}/ledger` and `/api/v1/ledger/import`: effort per feature, ISO week and phase.</summary>
internal static class LedgerApi
{
    /// <summary>A ledger file of the largest import (10,000 rows) fits well within this.</summary>
    private const long MaxImportBytes = 2 * 1024 * 1024;

    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder ledger = api.MapGroup("/features/{key}/ledger").WithTags("Investment");
        ledger.MapGet("/", ListAsync).WithName("ListLedgerEntries").WithSummary("A feature's ledger entries, by week and phase.")
            .Produces<List<LedgerEntryResponse>>().ProducesProblem(StatusCodes.Status404NotFound);
        ledger.MapPost("/", WriteAsync).WithName("WriteLedgerEntry").WithMetadata(StrictJsonBody.For<LedgerEntryRequest>("week", "personDays"))
            .WithMetadata(new RequestBodyDocs(nameof(LedgerEntryRequest), """
                {"week": "2026-W14", "phase": "build", "personDays": 4.5, "costPerPersonDay": 620, "note": "Checkout API and page"}
                """))
            .WithSummary("Adds effort for a week and phase; an entry for the same week and phase is replaced (201 when new, 200 otherwise).")
            .Produces<LedgerEntryResponse>(StatusCodes.Status201Created).Produces<LedgerEntryResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        ledger.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteLedgerEntry").WithSummary("Deletes one of the feature's ledger entries.")
            .Produces<LedgerEntryResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/ledger/import", ImportAsync).WithName("ImportLedger").WithTags("Investment")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestBodyDocs(null, "\"feature,week,phase,person_days,cost_per_person_day,note\\ndelivery-dates,2026-W14,build,4.5,620,Checkout page\\n\""))
            .WithSummary("Imports a ledger CSV (Content-Type: text/csv; header feature,week,phase,person_days[,cost_per_person_day][,note]), all or nothing; " +
                "dryRun=true checks and counts without writing. Importing the same file again changes nothing.")
            .Produces<LedgerImportResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    private static async Task<IResult> ListAsync(string key, IInvestmentService investment, CancellationToken cancellationToken)
    {
        ServiceResult<IReadOnlyList<LedgerEntry>> result = await investment.ListLedgerAsync(key, cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value!.Select(ToResponse).ToList());
    }

    private static async Task<IResult> WriteAsync(string key, LedgerEntryRequest request, IInvestmentService investment, HttpContext http)
    {
        ServiceResult<LedgerEntry> result = await investment.WriteEntryAsync(
            ApiCaller.From(http), key, new LedgerEntryInput(request.Week, request.Phase, request.PersonDays, request.CostPerPersonDay, request.Note), http.RequestAborted);
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        LedgerEntryResponse entry = ToResponse(result.Value!);
        return result.Outcome == ServiceOutcome.Created ? TypedResults.Created($"/api/v1/features/{key}/ledger", entry) : TypedResults.Ok(entry);
    }

    private static async Task<IResult> DeleteAsync(string key, long id, IInvestmentService investment, HttpContext http)
    {
        ServiceResult<LedgerEntry> result = await investment.DeleteEntryAsync(ApiCaller.From(http), key, id, http.RequestAborted);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(ToResponse(result.Value!));
    }

    private static async Task<IResult> ImportAsync(HttpContext http, bool? dryRun, IInvestmentService investment)
    {
        if (http.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem(
                title: "The ledger is imported as CSV.",
                detail: $"The body's Content-Type is '{http.Request.ContentType}'. Send the file as text/csv (curl --data-binary @ledger.csv -H 'Content-Type: text/csv').",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        string csv;
        try
        {
            using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
            csv = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (DecoderFallbackException)
        {
            return ApiProblems.Invalid("$", "The file is not UTF-8 text.", "Save the CSV as UTF-8 and send it again.");
        }

        ServiceResult<LedgerImportResult> result = await investment.ImportAsync(ApiCaller.From(http), csv, dryRun ?? false, http.RequestAborted);
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        LedgerImportResult done = result.Value!;
        return TypedResults.Ok(new LedgerImportResponse(done.Rows, done.Created, done.Replaced, done.Unchanged, done.Changed, done.DryRun, done.Message));
    }

    public static LedgerEntryResponse ToResponse(LedgerEntry entry) => new(
        entry.Id, entry.FeatureKey, IsoWeeks.Label(entry.Week), entry.Week, entry.Phase.ToString().ToLowerInvariant(), entry.PersonDays,
        entry.CostPerPersonDay, entry.Note, entry.Author, entry.WrittenAt);
}
