using System.Globalization;
using FailSmart.Application.Investment;

namespace FailSmart.Web.Investment;

/// <summary>Numbers on the investment pages, with their units and a sensible precision.</summary>
internal static class InvestmentText
{
    public static string Days(double days) => days.ToString("#,0.##", CultureInfo.InvariantCulture) + (days == 1 ? " person-day" : " person-days");

    public static string Money(double? amount, string? currency) =>
        amount is double value ? value.ToString("#,0", CultureInfo.InvariantCulture) + (currency is null ? string.Empty : " " + currency) : "—";

    public static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A cumulative return with its interval: "1,400 EUR (700–2,100)", or in metric units without a value per unit.</summary>
    public static string Return(InvestmentCurve curve, string? metric)
    {
        string unit = curve.ReturnUnit == "money" ? (curve.Currency is { } c ? " " + c : string.Empty) : " " + (metric ?? "metric units");
        return $"{curve.Return.ToString("#,0", CultureInfo.InvariantCulture)}{unit} ({curve.ReturnLow.ToString("#,0", CultureInfo.InvariantCulture)}–{curve.ReturnHigh.ToString("#,0", CultureInfo.InvariantCulture)})";
    }

    public static string Status(string status) => status switch
    {
        InvestmentStanding.PayingBack => "Paying back",
        InvestmentStanding.NotYet => "Not yet paid back",
        InvestmentStanding.Stopped => "Stopped (sunk cost)",
        _ => "Return not measured",
    };
}
