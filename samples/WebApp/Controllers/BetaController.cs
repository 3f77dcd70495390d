using Microsoft.AspNetCore.Mvc;
using Microsoft.FeatureManagement.Mvc;

namespace FailSmart.Samples.WebApp.Controllers;

/// <summary>Existing Microsoft.FeatureManagement code, unchanged: the gate reads the FailSmart flag.</summary>
[ApiController]
[Route("beta")]
[FeatureGate("new-checkout")]
public sealed class BetaController : ControllerBase
{
    [HttpGet]
    public IActionResult Get() => Ok(new { message = "You are in the new checkout." });
}
