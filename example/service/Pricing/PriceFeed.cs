namespace Pricing;

/// <summary>A price change of one product.</summary>
public record PriceTick(long Sequence, string Sku, decimal Price, DateTime At);

/// <summary>
/// Publishes price changes from a .NET timer (a thread-pool thread), as a market-data or
/// inventory feed would. Subscribers get <see cref="Tick"/> on the timer's thread.
/// </summary>
public sealed class PriceFeed : IAsyncDisposable, IDisposable
{
    readonly Timer timer;
    readonly Random random;
    readonly Product[] products;
    long sequence;
    long failures;
    int delivering;

    /// <summary>Raised for each price change.</summary>
    public event EventHandler<PriceTick>? Tick;

    /// <summary>Starts publishing every <paramref name="intervalMs"/> milliseconds.</summary>
    public PriceFeed(int intervalMs, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMs, 10);
        random = new Random(seed);
        products = [.. Catalog.Products];
        timer = new Timer(_ => Publish(), null, intervalMs, intervalMs);
    }

    /// <summary>Ticks published.</summary>
    public long Published => Interlocked.Read(ref sequence);

    /// <summary>Ticks whose subscribers threw, or that were skipped because the last one was still being delivered.</summary>
    public long Failures => Interlocked.Read(ref failures);

    void Publish()
    {
        // A slow subscriber must not pile up timer threads: skip a tick while one is out.
        if (Interlocked.Exchange(ref delivering, 1) == 1)
        {
            Interlocked.Increment(ref failures);
            return;
        }
        try
        {
            Product product;
            double change;
            lock (random)
            {
                product = products[random.Next(products.Length)];
                change = (random.NextDouble() - 0.5) * 0.04;
            }
            var price = Math.Round(product.UnitPrice * (1 + (decimal)change), 2);
            Tick?.Invoke(this, new PriceTick(Interlocked.Increment(ref sequence), product.Sku, price, DateTime.UtcNow));
        }
        catch (Exception)
        {
            // An exception escaping a timer callback would end the process (.NET's rule):
            // a subscriber that threw (or whose JavaScript environment has exited) is counted.
            Interlocked.Increment(ref failures);
        }
        finally
        {
            Volatile.Write(ref delivering, 0);
        }
    }

    /// <summary>Stops the timer and waits for a tick being delivered.</summary>
    public ValueTask DisposeAsync() => timer.DisposeAsync();

    /// <summary>Stops the timer (a tick being delivered may still arrive).</summary>
    public void Dispose() => timer.Dispose();
}
