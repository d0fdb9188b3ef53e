namespace Pricing;

/// <summary>One line of a cart.</summary>
public record LineItem(string Sku, int Quantity);

/// <summary>What a client asks a price for.</summary>
public record QuoteRequest(string Region, List<LineItem> Items, string? Coupon = null);

/// <summary>A priced line.</summary>
public record QuoteLine(string Sku, string Name, int Quantity, decimal UnitPrice, decimal LineTotal);

/// <summary>A priced cart: amounts in euros, rounded to cents.</summary>
public record Quote(
    string Region,
    List<QuoteLine> Lines,
    decimal Subtotal,
    decimal Discount,
    decimal Tax,
    decimal Total,
    string? Coupon
);

/// <summary>
/// The pricing API as JSON text in and out, for hosts that marshal only strings and
/// numbers (the service's node-api-dotnet variant). Never throws for bad input: the result
/// is <c>{"quote": …}</c>, <c>{"risk": …}</c> or <c>{"error": {"code", "message"}}</c>.
/// </summary>
public static class PricingJson
{
    static readonly System.Text.Json.JsonSerializerOptions options = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary><see cref="QuoteEngine.Price"/> of a JSON <see cref="QuoteRequest"/>.</summary>
    public static string Quote(string requestJson) =>
        Guard(() => new { quote = QuoteEngine.Price(System.Text.Json.JsonSerializer.Deserialize<QuoteRequest>(requestJson, options)!) });

    /// <summary><see cref="RiskModel.Simulate"/> as JSON.</summary>
    public static string Risk(int paths, int horizonDays, int seed) =>
        Guard(() => new { risk = RiskModel.Simulate(paths, horizonDays, seed) });

    /// <summary><see cref="Risk"/> on the thread pool.</summary>
    public static Task<string> RiskAsync(int paths, int horizonDays, int seed) =>
        Task.Run(() => Risk(paths, horizonDays, seed));

    static string Guard(Func<object> run)
    {
        object result;
        try
        {
            result = run();
        }
        catch (PricingException e)
        {
            result = new { error = new { code = e.Code, message = e.Message } };
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException or NullReferenceException)
        {
            result = new { error = new { code = "invalid_request", message = e.Message } };
        }
        return System.Text.Json.JsonSerializer.Serialize(result, options);
    }
}

/// <summary>Prices carts: volume discounts, coupons and sales tax. Fast and synchronous.</summary>
public static class QuoteEngine
{
    /// <summary>Quantity per line at most.</summary>
    public const int MaxQuantity = 1000;

    /// <summary>Prices a cart.</summary>
    /// <exception cref="PricingException">the cart is empty or names something unknown.</exception>
    public static Quote Price(QuoteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Items is null || request.Items.Count == 0)
            throw new PricingException("empty_cart", "The cart has no items.");
        var taxRate = Catalog.TaxRate(request.Region ?? "");
        var lines = new List<QuoteLine>(request.Items.Count);
        foreach (var item in request.Items)
        {
            if (item is null)
                throw new PricingException("invalid_item", "A cart item is null.");
            if (item.Quantity is < 1 or > MaxQuantity)
                throw new PricingException(
                    "invalid_quantity",
                    $"Quantity {item.Quantity} of '{item.Sku}' is outside 1..{MaxQuantity}."
                );
            var product = Catalog.Find(item.Sku ?? "");
            // Volume discount: 5 % from 10 units, 10 % from 50.
            var volume = item.Quantity >= 50 ? 0.90m : item.Quantity >= 10 ? 0.95m : 1m;
            var unit = Math.Round(product.UnitPrice * volume, 2, MidpointRounding.ToEven);
            lines.Add(new QuoteLine(product.Sku, product.Name, item.Quantity, unit, unit * item.Quantity));
        }
        var subtotal = lines.Sum(line => line.LineTotal);
        var discount = Math.Round(subtotal * CouponRate(request.Coupon, lines), 2, MidpointRounding.ToEven);
        var tax = Math.Round((subtotal - discount) * taxRate, 2, MidpointRounding.ToEven);
        return new Quote(
            request.Region!.ToUpperInvariant(),
            lines,
            subtotal,
            discount,
            tax,
            subtotal - discount + tax,
            request.Coupon?.ToUpperInvariant()
        );
    }

    static decimal CouponRate(string? coupon, List<QuoteLine> lines) =>
        coupon?.ToUpperInvariant() switch
        {
            null or "" => 0m,
            "WELCOME10" => 0.10m,
            "SOFTWARE20" when lines.Any(line => Catalog.Find(line.Sku).Category == "software") => 0.20m,
            "SOFTWARE20" => throw new PricingException("invalid_coupon", "SOFTWARE20 needs a software item in the cart."),
            _ => throw new PricingException("invalid_coupon", $"Unknown coupon '{coupon}'."),
        };
}
