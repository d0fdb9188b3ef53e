namespace Pricing;

/// <summary>A product the shop sells.</summary>
public record Product(string Sku, string Name, decimal UnitPrice, string Category);

/// <summary>The product catalog and the tax rates per region.</summary>
public static class Catalog
{
    static readonly Dictionary<string, Product> products = new Product[]
    {
        new("KB-101", "Mechanical keyboard", 89.90m, "hardware"),
        new("MS-220", "Wireless mouse", 34.50m, "hardware"),
        new("MN-270", "27-inch monitor", 279.00m, "hardware"),
        new("HD-500", "USB-C hub", 49.99m, "hardware"),
        new("CB-010", "USB-C cable, 1 m", 9.95m, "accessories"),
        new("BG-300", "Laptop sleeve", 24.00m, "accessories"),
        new("SW-IDE", "IDE licence, 1 year", 199.00m, "software"),
        new("SW-BAK", "Backup plan, 1 year", 59.00m, "software"),
    }.ToDictionary(product => product.Sku, StringComparer.OrdinalIgnoreCase);

    static readonly Dictionary<string, decimal> taxRates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DE"] = 0.19m,
        ["FR"] = 0.20m,
        ["NL"] = 0.21m,
        ["UK"] = 0.20m,
        ["US-CA"] = 0.0725m,
        ["US-NY"] = 0.04m,
    };

    /// <summary>Every product, by SKU.</summary>
    public static IReadOnlyCollection<Product> Products => products.Values;

    /// <summary>The product with this SKU.</summary>
    /// <exception cref="PricingException">code <c>unknown_sku</c>.</exception>
    public static Product Find(string sku) =>
        products.TryGetValue(sku, out var product)
            ? product
            : throw new PricingException("unknown_sku", $"No product has the SKU '{sku}'.");

    /// <summary>The sales-tax rate of a region.</summary>
    /// <exception cref="PricingException">code <c>unknown_region</c>.</exception>
    public static decimal TaxRate(string region) =>
        taxRates.TryGetValue(region, out var rate)
            ? rate
            : throw new PricingException(
                "unknown_region",
                $"No tax rate for region '{region}'. Known: {string.Join(", ", taxRates.Keys)}."
            );
}

/// <summary>A request the pricing rules refuse. <see cref="Code"/> is stable, for clients.</summary>
public class PricingException(string code, string message) : Exception(message)
{
    /// <summary>A machine-readable reason: unknown_sku, unknown_region, invalid_quantity, invalid_coupon, empty_cart, invalid_item.</summary>
    public string Code { get; } = code;
}
