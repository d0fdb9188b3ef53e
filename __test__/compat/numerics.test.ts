// MathNet.Numerics 5.0.0 from TypeScript: the twins of Numerics/Tasks.cs.
import { compat } from "./harness.js";

const { lib, task } = compat("Numerics");
const { MathNet } = lib.namespaces;
const {
  Combinatorics,
  Complex32,
  ComplexExtensions,
  Differentiate,
  Distance,
  Euclid,
  FindRoots,
  Fit,
  Generate,
  GoodnessOfFit,
  Integrate,
  Interpolate,
  Polynomial,
  Precision,
  SpecialFunctions,
} = MathNet.Numerics;
const { Binomial, ContinuousUniform, DiscreteUniform, Normal, Poisson } =
  MathNet.Numerics.Distributions;
const { Fourier, FourierOptions } = MathNet.Numerics.IntegralTransforms;
const { CubicSpline } = MathNet.Numerics.Interpolation;
const { MultipleRegression } = MathNet.Numerics.LinearRegression;
const { MersenneTwister } = MathNet.Numerics.Random;
const {
  Correlation,
  DescriptiveStatistics,
  Histogram,
  RunningStatistics,
  Statistics,
} = MathNet.Numerics.Statistics;
const { Complex } = lib.namespaces.System.Numerics;
const { Enumerable } = lib.namespaces.System.Linq;
const Matrix = MathNet.Numerics.LinearAlgebra.Matrix.of("double");
const Vector = MathNet.Numerics.LinearAlgebra.Vector.of("double");

interface ComplexValue {
  real: number;
  imaginary: number;
}

task("complex-arithmetic", () => {
  const a = new Complex(3, 4);
  const b = new Complex(1, -2);
  const product = Complex.op_Multiply(a, b);
  const quotient = Complex.op_Division(a, b);
  return [
    product.real,
    product.imaginary,
    quotient.real,
    quotient.imaginary,
    a.magnitude,
    Complex.conjugate(a).imaginary,
    Complex.op_Addition(a, 1).real,
    Complex.op_Equality(a, new Complex(3, 4)),
  ];
});

task("complex-functions", () => {
  const root = Complex.sqrt(new Complex(-4, 0));
  const polar = Complex.fromPolarCoordinates(2, Math.PI / 2);
  const z = new Complex(3, 4);
  return [
    root.real,
    root.imaginary,
    polar.real,
    polar.imaginary,
    ComplexExtensions.norm(z),
    ComplexExtensions.magnitudeSquared(z),
    ComplexExtensions.squareRoot(z).real,
  ];
});

task("complex32", () => {
  const z = new Complex32(3, 4);
  const squared = Complex32.op_Multiply(z, z);
  const root = Complex32.sqrt(z);
  return [
    z.magnitude,
    squared.real,
    squared.imaginary,
    root.real,
    z.conjugate().imaginary,
    z.isReal(),
  ];
});

task("vector-build-and-ops", () => {
  const v = Vector.build.dense([1, 2, 3]);
  const w = Vector.build.denseOfArray([4, 5, 6]);
  return [
    v.dotProduct(w),
    Vector.op_Multiply(v, w),
    Vector.op_Addition(v, w).toArray(),
    Vector.op_Multiply(v, 2).toArray(),
    Vector.op_Subtraction(w, v).sum(),
    v.l2Norm(),
    v.count,
  ];
});

task("vector-reductions-and-map", () => {
  const v = Vector.build.denseOfArray([3, -7, 2, 5]);
  const squares = v.map.of("double")((x: number) => x * x);
  return [
    v.sum(),
    v.maximum(),
    v.minimumIndex(),
    v.absoluteMaximumIndex(),
    v.normalize(1).toArray(),
    squares.toArray(),
    v.pointwiseMultiply(v).equals(squares),
    v.getItem(1),
  ];
});

task("matrix-from-2d-array", () => {
  const m = Matrix.build.denseOfArray([
    [4, 7],
    [2, 6],
  ]);
  return [
    m.determinant(),
    m.inverse().toArray(),
    m.rowCount,
    m.trace(),
    m.getItem(1, 0),
  ];
});

task("matrix-multiply-transpose", () => {
  const a = Matrix.build.denseOfRowArrays([1, 2, 3], [4, 5, 6]);
  const product = Matrix.op_Multiply(a, a.transpose());
  const scaled = Matrix.op_Multiply(0.5, a);
  const applied = Matrix.op_Multiply(a, Vector.build.dense([1, 0, -1]));
  return [
    product.toRowArrays(),
    scaled.row(1).toArray(),
    applied.toArray(),
    a.columnCount,
    Matrix.op_Subtraction(a, a).frobeniusNorm(),
  ];
});

task("matrix-indexer-and-slices", () => {
  const m = Matrix.build.dense(2, 3);
  m.setItem(0, 1, 5);
  m.setItem(1, 2, -1);
  m.setRow(1, [7, 8, 9]);
  return [
    m.getItem(0, 1),
    m.column(1).toArray(),
    m.rowSums().toArray(),
    m.columnSums().sum(),
    m.toRowArrays(),
  ];
});

task("matrix-build-with-function", () => {
  const m = Matrix.build.dense(3, 3, (i: number, j: number) =>
    i === j ? 1 : i + j,
  );
  const identity = Matrix.build.denseIdentity(3);
  return [
    m.toRowArrays(),
    m.isSymmetric(),
    identity.equals(m),
    Matrix.op_Subtraction(m, identity).diagonal().sum(),
    m.rank(),
  ];
});

task("linear-solve", () => {
  const a = Matrix.build.denseOfArray([
    [3, 2, -1],
    [2, -2, 4],
    [-1, 0.5, -1],
  ]);
  const b = Vector.build.dense([1, -2, 0]);
  const x = a.solve(b);
  const viaLu = a.lu().solve(b);
  return [
    x.toArray(),
    Vector.op_Subtraction(Matrix.op_Multiply(a, x), b).l2Norm() < 1e-10,
    viaLu.toArray(),
  ];
});

task("matrix-decompositions", () => {
  const m = Matrix.build.denseOfArray([
    [4, 12, -16],
    [12, 37, -43],
    [-16, -43, 98],
  ]);
  const cholesky = m.cholesky();
  const evd = m.evd();
  const svd = m.svd();
  return [
    cholesky.factor.toRowArrays(),
    cholesky.determinant,
    [...evd.eigenValues].map((c: ComplexValue) => c.real),
    svd.s.toArray(),
    svd.rank,
  ];
});

task("matrix-singular-inverse", () => {
  const singular = Matrix.build.denseOfArray([
    [1, 2],
    [2, 4],
  ]);
  const inverse = singular.inverse();
  return [
    singular.determinant(),
    !Number.isFinite(inverse.getItem(0, 0)),
    singular.rank(),
  ];
});

task("sparse-matrix", () => {
  const s = Matrix.build.sparse(1000, 1000);
  s.setItem(0, 0, 1);
  s.setItem(999, 999, 2);
  s.setItem(10, 20, 3);
  const ones = Vector.build.dense(1000, 1);
  return [
    Matrix.op_Multiply(s, ones).sum(),
    s.storage.isDense,
    s.nonZerosCount,
    s.transpose().getItem(20, 10),
  ];
});

task("statistics-descriptive", () => {
  const data = new Float64Array([2, 4, 4, 4, 5, 5, 7, 9]);
  return [
    Statistics.mean(data),
    Statistics.standardDeviation(data),
    Statistics.populationStandardDeviation(data),
    Statistics.median(data),
    Statistics.percentile(data, 90),
    Statistics.variance(data),
    Statistics.minimum(data),
  ];
});

task("statistics-descriptive-class", () => {
  const stats = new DescriptiveStatistics([1, 2, 3, 4, 100]);
  return [
    stats.count,
    stats.mean,
    stats.variance,
    stats.skewness,
    stats.kurtosis,
    stats.maximum,
  ];
});

task("statistics-running", () => {
  const morning = new RunningStatistics();
  for (const x of [12.5, 14.0, 13.25]) {
    morning.push(x);
  }
  const afternoon = new RunningStatistics();
  afternoon.pushRange([18.0, 19.5]);
  const day = RunningStatistics.combine(morning, afternoon);
  return [
    morning.mean,
    morning.count,
    day.count,
    day.mean,
    day.standardDeviation,
    day.maximum,
  ];
});

task("statistics-correlation", () => {
  const hours = [1, 2, 3, 4, 5, 6];
  const scores = [52, 55, 61, 70, 68, 80];
  return [
    Correlation.pearson(hours, scores),
    Correlation.spearman(hours, scores),
  ];
});

task("statistics-histogram", () => {
  const histogram = new Histogram([1, 2, 2, 3, 3, 3, 4, 4, 5], 4);
  const counts = Array.from(
    { length: histogram.bucketCount },
    (_, i) => histogram.getItem(i).count,
  );
  return [
    histogram.bucketCount,
    counts,
    histogram.lowerBound,
    histogram.upperBound,
    histogram.dataCount,
  ];
});

task("fit-line", () => {
  const xs = [1, 2, 3, 4, 5];
  const ys = [2.2, 4.1, 6.3, 7.9, 10.1];
  const { item1: intercept, item2: slope } = Fit.line(xs, ys);
  const r2 = GoodnessOfFit.rSquared(
    xs.map((x) => intercept + slope * x),
    ys,
  );
  const line = Fit.lineFunc(xs, ys);
  return [intercept, slope, r2, line.invoke(10)];
});

task("fit-polynomial", () => {
  const xs = [0, 1, 2, 3, 4];
  const ys = [1.0, 2.9, 9.2, 19.1, 32.8];
  const coefficients = Fit.polynomial(xs, ys, 2);
  return [coefficients, new Polynomial(coefficients).evaluate(5)];
});

task("multiple-regression", () => {
  const x = Matrix.build.denseOfRowArrays(
    [1, 1, 1],
    [1, 2, 1],
    [1, 3, 4],
    [1, 4, 3],
  );
  const y = Vector.build.dense([6, 8, 15, 14]);
  const beta = MultipleRegression.normalEquations(x, y);
  const rows = [
    new Float64Array([1, 1]),
    new Float64Array([2, 1]),
    new Float64Array([3, 4]),
    new Float64Array([4, 3]),
  ];
  const withIntercept = MultipleRegression.normalEquations(
    rows,
    new Float64Array([6, 8, 15, 14]),
    true,
  );
  return [beta.toArray(), withIntercept];
});

// Fourier.forward writes the transform into the Complex[] it is given.
task("fourier-forward-complex-inplace", () => {
  const samples = [1, 2, 3, 4, 4, 3, 2, 1].map((x) => new Complex(x, 0));
  Fourier.forward(samples, FourierOptions.Matlab);
  return samples.map((c: ComplexValue) => [c.real, c.imaginary]);
});

task("fourier-real-imaginary-roundtrip", () => {
  const real = new Float64Array([0, 1, 0, -1, 0, 1, 0, -1]);
  const imaginary = new Float64Array(8);
  Fourier.forward(real, imaginary, FourierOptions.NoScaling);
  const spectrum = [Array.from(real), Array.from(imaginary)];
  Fourier.inverse(real, imaginary, FourierOptions.NoScaling);
  return [spectrum, real];
});

task("distance-metrics", () => {
  const a = [0, 0, 1];
  const b = [3, 4, 1];
  const u = Vector.build.dense(a);
  const v = Vector.build.dense(b);
  return [
    Distance.euclidean(a, b),
    Distance.manhattan(a, b),
    Distance.chebyshev(a, b),
    Distance.cosine([1, 0], [0, 1]),
    Distance.euclidean(u, v),
  ];
});

task("normal-distribution", () => {
  const iq = new Normal(100, 15);
  return [
    iq.cumulativeDistribution(130),
    iq.density(100),
    iq.inverseCumulativeDistribution(0.975),
    Normal.cdf(0, 1, 1.96),
    iq.mean,
    iq.stdDev,
    iq.variance,
  ];
});

// Normal.samples(double[]) fills the array it is given.
task("seeded-samples-inplace", () => {
  const normal = new Normal(10, 2, new MersenneTwister(42));
  const samples = new Float64Array(5);
  normal.samples(samples);
  const dice = new DiscreteUniform(1, 6, new MersenneTwister(7));
  const uniform = new ContinuousUniform(0, 1, new MersenneTwister(3));
  return [
    samples,
    dice.sample(),
    dice.sample(),
    Enumerable.toArray(Enumerable.take(uniform.samples(), 2)),
  ];
});

task("discrete-distributions", () => {
  const coin = new Binomial(0.3, 10);
  const arrivals = new Poisson(4);
  return [
    coin.probability(3),
    coin.cumulativeDistribution(3),
    coin.mean,
    Poisson.pmf(4, 2),
    arrivals.mean,
    arrivals.cumulativeDistribution(4),
  ];
});

task("special-functions", () => [
  SpecialFunctions.gamma(5),
  SpecialFunctions.gamma(0.5),
  SpecialFunctions.erf(0.5),
  SpecialFunctions.erfc(1),
  SpecialFunctions.binomial(10, 3),
  SpecialFunctions.factorial(10),
  SpecialFunctions.beta(2, 3),
  SpecialFunctions.gammaLn(100),
]);

task("combinatorics", () => [
  Combinatorics.combinations(5, 2),
  Combinatorics.permutations(4),
  Combinatorics.variations(5, 2),
  Combinatorics.generatePermutation(5, new MersenneTwister(1)),
]);

task("interpolation", () => {
  const xs = [0, 1, 2, 3];
  const ys = [0, 1, 8, 27];
  const spline = CubicSpline.interpolateNatural(xs, ys);
  const linear = Interpolate.linear(xs, ys);
  return [
    spline.interpolate(2.5),
    spline.differentiate(2.5),
    spline.integrate(0, 3),
    linear.interpolate(1.5),
    linear.supportsIntegration,
  ];
});

task("integrate-differentiate-callbacks", () => [
  Integrate.onClosedInterval((x: number) => x * x, 0, 3),
  Integrate.gaussLegendre((x: number) => x * x * x - 2 * x + 1, 0, 2),
  Differentiate.firstDerivative((x: number) => x * x * x, 2),
  Differentiate.derivative((x: number) => x * x * x, 2, 2),
]);

task("find-roots", () => {
  const sqrt2 = FindRoots.ofFunction((x: number) => x * x - 2, 0, 2);
  const { item1: r1, item2: r2 } = FindRoots.quadratic(-2, 0, 1);
  const { item1: c1, item2: c2 } = FindRoots.quadratic(1, 0, 1);
  const cubic = FindRoots.polynomial([-6, 11, -6, 1]);
  return [
    sqrt2,
    r1.real,
    r2.real,
    c1.imaginary,
    c2.imaginary,
    [...cubic].map((c: ComplexValue) => c.real).sort((x, y) => x - y),
  ];
});

task("polynomial", () => {
  const p = new Polynomial(1, 2, 3);
  const q = new Polynomial(0, 1);
  const product = Polynomial.op_Multiply(p, q);
  return [
    p.evaluate(2),
    product.coefficients,
    p.degree,
    p.differentiate().coefficients,
    Polynomial.op_Addition(p, 1).coefficients,
    p.toString(),
  ];
});

task("precision-and-euclid", () => [
  Precision.almostEqual(0.1 + 0.2, 0.3, 1e-10),
  Precision.almostEqual(0.1 + 0.2, 0.3),
  Precision.almostEqual(1.0, 1.001, 2),
  Euclid.greatestCommonDivisor(12, 18),
  Euclid.greatestCommonDivisor(12, 18, 30),
  Euclid.leastCommonMultiple(4, 6),
  Euclid.modulus(-5, 3),
  Euclid.remainder(-5, 3),
  Euclid.isPowerOfTwo(64),
]);

task("generate", () => [
  Generate.linearSpaced(5, 0, 1),
  Generate.logSpaced(3, 0, 2),
  Generate.map.of("double", "double")(new Float64Array([1, 4, 9]), Math.sqrt),
]);
