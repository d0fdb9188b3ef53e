using System.Diagnostics;

namespace Pricing;

/// <summary>The result of a Monte Carlo simulation of the stock portfolio's value.</summary>
public record RiskReport(
    int Paths,
    int HorizonDays,
    double ValueAtRisk95,
    double ValueAtRisk99,
    double ExpectedShortfall95,
    double MeanReturn,
    double ElapsedMs
);

/// <summary>
/// Value at risk of the inventory portfolio by Monte Carlo: daily returns of 8 assets driven
/// by one market factor, compounded over the horizon. CPU-bound: paths × days × 8 normal draws.
/// </summary>
public static class RiskModel
{
    // Weight, daily drift, daily volatility and market beta of each asset.
    static readonly double[] weights = [0.20, 0.15, 0.15, 0.10, 0.10, 0.10, 0.10, 0.10];
    static readonly double[] drifts = [0.0004, 0.0003, 0.0005, 0.0002, 0.0001, 0.0003, 0.0006, 0.0002];
    static readonly double[] vols = [0.012, 0.015, 0.020, 0.010, 0.008, 0.018, 0.025, 0.011];
    static readonly double[] betas = [0.8, 0.7, 0.9, 0.5, 0.3, 0.6, 0.95, 0.4];

    /// <summary>Runs the simulation; the same seed gives the same report.</summary>
    /// <exception cref="ArgumentOutOfRangeException">paths outside 100..500 000, days outside 1..250.</exception>
    public static RiskReport Simulate(int paths, int horizonDays, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paths, 500_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(horizonDays, 250);
        var clock = Stopwatch.StartNew();
        var random = new Normal((uint)seed);
        var returns = new double[paths];
        var assets = weights.Length;
        var value = new double[assets];
        for (var path = 0; path < paths; path++)
        {
            for (var a = 0; a < assets; a++)
                value[a] = weights[a];
            for (var day = 0; day < horizonDays; day++)
            {
                var market = random.Next();
                for (var a = 0; a < assets; a++)
                {
                    var shock = betas[a] * market + Math.Sqrt(1 - betas[a] * betas[a]) * random.Next();
                    value[a] *= Math.Exp(drifts[a] - 0.5 * vols[a] * vols[a] + vols[a] * shock);
                }
            }
            var total = 0.0;
            for (var a = 0; a < assets; a++)
                total += value[a];
            returns[path] = total - 1;
        }
        Array.Sort(returns);
        var at95 = (int)(paths * 0.05);
        var at99 = (int)(paths * 0.01);
        var tail = 0.0;
        for (var i = 0; i <= at95; i++)
            tail += returns[i];
        return new RiskReport(
            paths,
            horizonDays,
            -returns[at95],
            -returns[at99],
            -tail / (at95 + 1),
            returns.Average(),
            clock.Elapsed.TotalMilliseconds
        );
    }

    /// <summary>The same on the thread pool (for hosts that only await Tasks).</summary>
    public static Task<RiskReport> SimulateAsync(int paths, int horizonDays, int seed) =>
        Task.Run(() => Simulate(paths, horizonDays, seed));

    /// <summary>Standard normal numbers: xorshift32 and Box–Muller, reproducible per seed.</summary>
    sealed class Normal(uint seed)
    {
        uint state = seed == 0 ? 0x9E3779B9u : seed;
        double spare;
        bool hasSpare;

        double Uniform()
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            return (state + 1.0) / 4294967297.0; // in (0, 1)
        }

        public double Next()
        {
            if (hasSpare)
            {
                hasSpare = false;
                return spare;
            }
            var r = Math.Sqrt(-2 * Math.Log(Uniform()));
            var theta = 2 * Math.PI * Uniform();
            spare = r * Math.Sin(theta);
            hasSpare = true;
            return r * Math.Cos(theta);
        }
    }
}
