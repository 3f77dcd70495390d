using System.Security.Claims;
using FailSmart.Client;
using FailSmart.Client.AspNetCore;
using Microsoft.FeatureManagement;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddFailSmart(options =>
{
    // Relative paths are beside the program.
    if (options.BootstrapFile is { } file && !Path.IsPathRooted(file))
    {
        options.BootstrapFile = Path.Combine(AppContext.BaseDirectory, file);
    }

    if (options.CacheDirectory is { } cache && !Path.IsPathRooted(cache))
    {
        options.CacheDirectory = Path.Combine(AppContext.BaseDirectory, cache);
    }
});
builder.Services.AddFailSmartFeatureManagement().WithTargeting();
builder.Services.AddControllers();

WebApplication app = builder.Build();

// Demo sign-in: the X-User-Id and X-User-Email headers become the user's claims.
app.Use(async (context, next) =>
{
    if (context.Request.Headers["X-User-Id"].ToString() is { Length: > 0 } id)
    {
        Claim[] claims = [new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, id), new(ClaimTypes.Email, context.Request.Headers["X-User-Email"].ToString())];
        context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "demo"));
    }

    await next();
});

app.MapGet("/checkout", (IFailSmartClient flags, IFailSmartContext user) =>
{
    FlagEvaluation<bool> checkout = flags.GetBoolDetail("new-checkout", false, user.Current);
    return new { newCheckout = checkout.Value, variation = checkout.VariationKey, reason = checkout.Reason.ToString(), state = flags.State.ToString() };
});

app.MapGet("/feature-manager", async (IVariantFeatureManager features) => new { newCheckout = await features.IsEnabledAsync("new-checkout") });

app.MapPost("/purchase", (IFailSmartClient flags, IFailSmartContext user, double amount, HttpContext http) =>
{
    string? id = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
    if (id is null)
    {
        return Results.Unauthorized();
    }

    flags.Track(id, "purchase", amount);
    return Results.Accepted();
});

app.MapControllers();
app.Run();
