using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.IntegralTransforms;
using MathNet.Numerics.Interpolation;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.LinearRegression;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;
using Complex = System.Numerics.Complex;

namespace Compat;

/// <summary>MathNet.Numerics 5.0.0 as its users write it: complex numbers (structs),
/// vectors and matrices built from arrays, linear algebra, statistics, distributions,
/// curve fitting, FFT into arrays passed in, interpolation, integration and roots.</summary>
internal static class Numerics
{
    /// <summary>A <c>double[,]</c> as rows, for the JSON the oracle writes.</summary>
    private static double[][] Rows(double[,] array) =>
        Enumerable.Range(0, array.GetLength(0)).Select(i => Enumerable.Range(0, array.GetLength(1)).Select(j => array[i, j]).ToArray()).ToArray();

    public static void Register(Oracle o)
    {
        o.Task("complex-arithmetic", () =>
        {
            var a = new Complex(3, 4);
            var b = new Complex(1, -2);
            var product = a * b;
            var quotient = a / b;
            return new object[] { product.Real, product.Imaginary, quotient.Real, quotient.Imaginary, a.Magnitude, Complex.Conjugate(a).Imaginary, (a + 1).Real, a == new Complex(3, 4) };
        });

        o.Task("complex-functions", () =>
        {
            var root = Complex.Sqrt(new Complex(-4, 0));
            var polar = Complex.FromPolarCoordinates(2, Math.PI / 2);
            var z = new Complex(3, 4);
            return new object[] { root.Real, root.Imaginary, polar.Real, polar.Imaginary, z.Norm(), z.MagnitudeSquared(), z.SquareRoot().Real };
        });

        o.Task("complex32", () =>
        {
            var z = new Complex32(3f, 4f);
            var squared = z * z;
            var root = Complex32.Sqrt(z);
            return new object[] { (double)z.Magnitude, (double)squared.Real, (double)squared.Imaginary, (double)root.Real, (double)z.Conjugate().Imaginary, z.IsReal() };
        });

        o.Task("vector-build-and-ops", () =>
        {
            var v = Vector<double>.Build.Dense(new[] { 1.0, 2.0, 3.0 });
            var w = Vector<double>.Build.DenseOfArray(new[] { 4.0, 5.0, 6.0 });
            return new object[] { v.DotProduct(w), v * w, (v + w).ToArray(), (v * 2.0).ToArray(), (w - v).Sum(), v.L2Norm(), v.Count };
        });

        o.Task("vector-reductions-and-map", () =>
        {
            var v = Vector<double>.Build.DenseOfArray(new[] { 3.0, -7.0, 2.0, 5.0 });
            var squares = v.Map(x => x * x);
            return new object[] { v.Sum(), v.Maximum(), v.MinimumIndex(), v.AbsoluteMaximumIndex(), v.Normalize(1).ToArray(), squares.ToArray(), v.PointwiseMultiply(v).Equals(squares), v[1] };
        });

        o.Task("matrix-from-2d-array", () =>
        {
            var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 7 }, { 2, 6 } });
            return new object[] { m.Determinant(), Rows(m.Inverse().ToArray()), m.RowCount, m.Trace(), m[1, 0] };
        });

        o.Task("matrix-multiply-transpose", () =>
        {
            var a = Matrix<double>.Build.DenseOfRowArrays(new[] { 1.0, 2, 3 }, new[] { 4.0, 5, 6 });
            var product = a * a.Transpose();
            var scaled = 0.5 * a;
            var applied = a * Vector<double>.Build.Dense(new[] { 1.0, 0, -1 });
            return new object[] { product.ToRowArrays(), scaled.Row(1).ToArray(), applied.ToArray(), a.ColumnCount, (a - a).FrobeniusNorm() };
        });

        o.Task("matrix-indexer-and-slices", () =>
        {
            var m = Matrix<double>.Build.Dense(2, 3);
            m[0, 1] = 5;
            m[1, 2] = -1;
            m.SetRow(1, new[] { 7.0, 8, 9 });
            return new object[] { m[0, 1], m.Column(1).ToArray(), m.RowSums().ToArray(), m.ColumnSums().Sum(), m.ToRowArrays() };
        });

        o.Task("matrix-build-with-function", () =>
        {
            var m = Matrix<double>.Build.Dense(3, 3, (i, j) => i == j ? 1 : i + j);
            var identity = Matrix<double>.Build.DenseIdentity(3);
            return new object[] { m.ToRowArrays(), m.IsSymmetric(), identity.Equals(m), (m - identity).Diagonal().Sum(), m.Rank() };
        });

        o.Task("linear-solve", () =>
        {
            var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 2, -1 }, { 2, -2, 4 }, { -1, 0.5, -1 } });
            var b = Vector<double>.Build.Dense(new double[] { 1, -2, 0 });
            var x = a.Solve(b);
            var viaLu = a.LU().Solve(b);
            return new object[] { x.ToArray(), (a * x - b).L2Norm() < 1e-10, viaLu.ToArray() };
        });

        o.Task("matrix-decompositions", () =>
        {
            var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 12, -16 }, { 12, 37, -43 }, { -16, -43, 98 } });
            var cholesky = m.Cholesky();
            var evd = m.Evd();
            var svd = m.Svd();
            return new object[] { cholesky.Factor.ToRowArrays(), cholesky.Determinant, evd.EigenValues.Select(c => c.Real).ToArray(), svd.S.ToArray(), svd.Rank };
        });

        o.Task("matrix-singular-inverse", () =>
        {
            var singular = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 } });
            var inverse = singular.Inverse();
            return new object[] { singular.Determinant(), double.IsInfinity(inverse[0, 0]) || double.IsNaN(inverse[0, 0]), singular.Rank() };
        });

        o.Task("sparse-matrix", () =>
        {
            var s = Matrix<double>.Build.Sparse(1000, 1000);
            s[0, 0] = 1;
            s[999, 999] = 2;
            s[10, 20] = 3;
            var ones = Vector<double>.Build.Dense(1000, 1.0);
            return new object[] { (s * ones).Sum(), s.Storage.IsDense, ((SparseMatrix)s).NonZerosCount, s.Transpose()[20, 10] };
        });

        o.Task("statistics-descriptive", () =>
        {
            double[] data = { 2, 4, 4, 4, 5, 5, 7, 9 };
            return new object[] { data.Mean(), data.StandardDeviation(), data.PopulationStandardDeviation(), data.Median(), data.Percentile(90), data.Variance(), data.Minimum() };
        });

        o.Task("statistics-descriptive-class", () =>
        {
            var stats = new DescriptiveStatistics(new[] { 1.0, 2, 3, 4, 100 });
            return new object[] { stats.Count, stats.Mean, stats.Variance, stats.Skewness, stats.Kurtosis, stats.Maximum };
        });

        o.Task("statistics-running", () =>
        {
            var morning = new RunningStatistics();
            foreach (var x in new[] { 12.5, 14.0, 13.25 })
            {
                morning.Push(x);
            }
            var afternoon = new RunningStatistics();
            afternoon.PushRange(new[] { 18.0, 19.5 });
            var day = RunningStatistics.Combine(morning, afternoon);
            return new object[] { morning.Mean, morning.Count, day.Count, day.Mean, day.StandardDeviation, day.Maximum };
        });

        o.Task("statistics-correlation", () =>
        {
            var hours = new[] { 1.0, 2, 3, 4, 5, 6 };
            var scores = new[] { 52.0, 55, 61, 70, 68, 80 };
            return new object[] { Correlation.Pearson(hours, scores), Correlation.Spearman(hours, scores) };
        });

        o.Task("statistics-histogram", () =>
        {
            var histogram = new Histogram(new[] { 1.0, 2, 2, 3, 3, 3, 4, 4, 5 }, 4);
            var counts = Enumerable.Range(0, histogram.BucketCount).Select(i => histogram[i].Count).ToArray();
            return new object[] { histogram.BucketCount, counts, histogram.LowerBound, histogram.UpperBound, histogram.DataCount };
        });

        o.Task("fit-line", () =>
        {
            var xs = new[] { 1.0, 2, 3, 4, 5 };
            var ys = new[] { 2.2, 4.1, 6.3, 7.9, 10.1 };
            var (intercept, slope) = Fit.Line(xs, ys);
            var r2 = GoodnessOfFit.RSquared(xs.Select(x => intercept + slope * x), ys);
            var line = Fit.LineFunc(xs, ys);
            return new object[] { intercept, slope, r2, line(10) };
        });

        o.Task("fit-polynomial", () =>
        {
            var xs = new[] { 0.0, 1, 2, 3, 4 };
            var ys = new[] { 1.0, 2.9, 9.2, 19.1, 32.8 };
            var coefficients = Fit.Polynomial(xs, ys, 2);
            return new object[] { coefficients, new Polynomial(coefficients).Evaluate(5.0) };
        });

        o.Task("multiple-regression", () =>
        {
            var x = Matrix<double>.Build.DenseOfRowArrays(new[] { 1.0, 1, 1 }, new[] { 1.0, 2, 1 }, new[] { 1.0, 3, 4 }, new[] { 1.0, 4, 3 });
            var y = Vector<double>.Build.Dense(new[] { 6.0, 8, 15, 14 });
            var beta = MultipleRegression.NormalEquations(x, y);
            var rows = new[] { new[] { 1.0, 1 }, new[] { 2.0, 1 }, new[] { 3.0, 4 }, new[] { 4.0, 3 } };
            var withIntercept = MultipleRegression.NormalEquations(rows, new[] { 6.0, 8, 15, 14 }, intercept: true);
            return new object[] { beta.ToArray(), withIntercept };
        });

        // Fourier.Forward writes the transform into the Complex[] it is given.
        o.Task("fourier-forward-complex-inplace", () =>
        {
            var samples = new[] { 1.0, 2, 3, 4, 4, 3, 2, 1 }.Select(x => new Complex(x, 0)).ToArray();
            Fourier.Forward(samples, FourierOptions.Matlab);
            return samples.Select(c => new[] { c.Real, c.Imaginary }).ToArray();
        });

        o.Task("fourier-real-imaginary-roundtrip", () =>
        {
            var real = new[] { 0.0, 1, 0, -1, 0, 1, 0, -1 };
            var imaginary = new double[8];
            Fourier.Forward(real, imaginary, FourierOptions.NoScaling);
            var spectrum = new object[] { real.ToArray(), imaginary.ToArray() };
            Fourier.Inverse(real, imaginary, FourierOptions.NoScaling);
            return new object[] { spectrum, real };
        });

        o.Task("distance-metrics", () =>
        {
            var a = new double[] { 0, 0, 1 };
            var b = new double[] { 3, 4, 1 };
            var u = Vector<double>.Build.Dense(a);
            var v = Vector<double>.Build.Dense(b);
            return new object[] { Distance.Euclidean(a, b), Distance.Manhattan(a, b), Distance.Chebyshev(a, b), Distance.Cosine(new double[] { 1, 0 }, new double[] { 0, 1 }), Distance.Euclidean(u, v) };
        });

        o.Task("normal-distribution", () =>
        {
            var iq = new Normal(100, 15);
            return new object[] { iq.CumulativeDistribution(130), iq.Density(100), iq.InverseCumulativeDistribution(0.975), Normal.CDF(0, 1, 1.96), iq.Mean, iq.StdDev, iq.Variance };
        });

        // Normal.Samples(double[]) fills the array it is given.
        o.Task("seeded-samples-inplace", () =>
        {
            var normal = new Normal(10, 2, new MersenneTwister(42));
            var samples = new double[5];
            normal.Samples(samples);
            var dice = new DiscreteUniform(1, 6, new MersenneTwister(7));
            var uniform = new ContinuousUniform(0, 1, new MersenneTwister(3));
            return new object[] { samples, dice.Sample(), dice.Sample(), uniform.Samples().Take(2).ToArray() };
        });

        o.Task("discrete-distributions", () =>
        {
            var coin = new Binomial(0.3, 10);
            var arrivals = new Poisson(4);
            return new object[] { coin.Probability(3), coin.CumulativeDistribution(3), coin.Mean, Poisson.PMF(4, 2), arrivals.Mean, arrivals.CumulativeDistribution(4) };
        });

        o.Task("special-functions", () => new object[]
        {
            SpecialFunctions.Gamma(5), SpecialFunctions.Gamma(0.5), SpecialFunctions.Erf(0.5), SpecialFunctions.Erfc(1),
            SpecialFunctions.Binomial(10, 3), SpecialFunctions.Factorial(10), SpecialFunctions.Beta(2, 3), SpecialFunctions.GammaLn(100),
        });

        o.Task("combinatorics", () => new object[]
        {
            Combinatorics.Combinations(5, 2), Combinatorics.Permutations(4), Combinatorics.Variations(5, 2),
            Combinatorics.GeneratePermutation(5, new MersenneTwister(1)),
        });

        o.Task("interpolation", () =>
        {
            var xs = new[] { 0.0, 1, 2, 3 };
            var ys = new[] { 0.0, 1, 8, 27 };
            var spline = CubicSpline.InterpolateNatural(xs, ys);
            var linear = Interpolate.Linear(xs, ys);
            return new object[] { spline.Interpolate(2.5), spline.Differentiate(2.5), spline.Integrate(0, 3), linear.Interpolate(1.5), linear.SupportsIntegration };
        });

        o.Task("integrate-differentiate-callbacks", () => new object[]
        {
            Integrate.OnClosedInterval(x => x * x, 0, 3),
            Integrate.GaussLegendre(x => x * x * x - 2 * x + 1, 0, 2),
            Differentiate.FirstDerivative(x => x * x * x, 2),
            Differentiate.Derivative(x => x * x * x, 2, 2),
        });

        o.Task("find-roots", () =>
        {
            var sqrt2 = FindRoots.OfFunction(x => x * x - 2, 0, 2);
            var (r1, r2) = FindRoots.Quadratic(-2, 0, 1);
            var (c1, c2) = FindRoots.Quadratic(1, 0, 1);
            var cubic = FindRoots.Polynomial(new[] { -6.0, 11, -6, 1 });
            return new object[] { sqrt2, r1.Real, r2.Real, c1.Imaginary, c2.Imaginary, cubic.Select(c => c.Real).OrderBy(x => x).ToArray() };
        });

        o.Task("polynomial", () =>
        {
            var p = new Polynomial(1, 2, 3);
            var q = new Polynomial(0, 1);
            var product = p * q;
            return new object[] { p.Evaluate(2.0), product.Coefficients, p.Degree, p.Differentiate().Coefficients, (p + 1.0).Coefficients, p.ToString() };
        });

        o.Task("precision-and-euclid", () => new object[]
        {
            Precision.AlmostEqual(0.1 + 0.2, 0.3, 1e-10),
            (0.1 + 0.2).AlmostEqual(0.3),
            Precision.AlmostEqual(1.0, 1.001, 2),
            Euclid.GreatestCommonDivisor(12, 18),
            Euclid.GreatestCommonDivisor(12, 18, 30),
            Euclid.LeastCommonMultiple(4, 6),
            Euclid.Modulus(-5, 3),
            Euclid.Remainder(-5, 3),
            Euclid.IsPowerOfTwo(64),
        });

        o.Task("generate", () => new object[]
        {
            Generate.LinearSpaced(5, 0, 1),
            Generate.LogSpaced(3, 0, 2),
            Generate.Map(new[] { 1.0, 4, 9 }, Math.Sqrt),
        });
    }
}
