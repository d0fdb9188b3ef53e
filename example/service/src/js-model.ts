// The pricing rules and the risk model in plain JavaScript: the same results as the C#
// library (Pricing/*.cs), for the load test's pure-JS column. Money is kept in integer
// cents × 100 (four decimals) so that the decimal arithmetic matches .NET's exactly.
import {
  ClientError,
  type Quote,
  type QuoteLine,
  type RiskReport,
} from "./types.js";

interface Product {
  sku: string;
  name: string;
  /** Cents. */
  unitPrice: number;
  category: string;
}

const products = new Map<string, Product>(
  (
    [
      ["KB-101", "Mechanical keyboard", 8990, "hardware"],
      ["MS-220", "Wireless mouse", 3450, "hardware"],
      ["MN-270", "27-inch monitor", 27900, "hardware"],
      ["HD-500", "USB-C hub", 4999, "hardware"],
      ["CB-010", "USB-C cable, 1 m", 995, "accessories"],
      ["BG-300", "Laptop sleeve", 2400, "accessories"],
      ["SW-IDE", "IDE licence, 1 year", 19900, "software"],
      ["SW-BAK", "Backup plan, 1 year", 5900, "software"],
    ] as const
  ).map(([sku, name, unitPrice, category]) => [
    sku.toUpperCase(),
    { sku, name, unitPrice, category },
  ]),
);

/** Tax rates in basis points of a basis point (1e-4 %): 0.0725 → 725. */
const taxRates = new Map<string, number>([
  ["DE", 1900],
  ["FR", 2000],
  ["NL", 2100],
  ["UK", 2000],
  ["US-CA", 725],
  ["US-NY", 400],
]);

const maxQuantity = 1000;

function find(sku: string): Product {
  const product = products.get(sku.toUpperCase());
  if (!product) {
    throw new ClientError(
      422,
      "unknown_sku",
      `No product has the SKU '${sku}'.`,
    );
  }
  return product;
}

/** Rounds n / d to the nearest integer, halves to even (MidpointRounding.ToEven). */
function divideToEven(n: number, d: number): number {
  const q = Math.floor(n / d);
  const r = n - q * d;
  if (2 * r > d) return q + 1;
  if (2 * r < d) return q;
  return q % 2 === 0 ? q : q + 1;
}

const money = (cents: number): string => {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};

interface JsonRequest {
  region?: unknown;
  items?: unknown;
  coupon?: unknown;
}

export function price(body: unknown): Quote {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ClientError(
      400,
      "invalid_request",
      "The request must be a JSON object.",
    );
  }
  const request = body as JsonRequest;
  const region = typeof request.region === "string" ? request.region : "";
  const coupon =
    request.coupon === undefined || request.coupon === null
      ? null
      : typeof request.coupon === "string"
        ? request.coupon
        : invalid("coupon must be a string");
  if (request.items !== undefined && !Array.isArray(request.items)) {
    invalid("items must be an array");
  }
  const items = (request.items ?? []) as unknown[];
  if (items.length === 0) {
    throw new ClientError(422, "empty_cart", "The cart has no items.");
  }
  const rate = taxRates.get(region.toUpperCase());
  if (rate === undefined) {
    throw new ClientError(
      422,
      "unknown_region",
      `No tax rate for region '${region}'. Known: ${[...taxRates.keys()].join(", ")}.`,
    );
  }
  const lines: QuoteLine[] = [];
  const lineCents: number[] = [];
  let software = false;
  for (const raw of items) {
    if (typeof raw !== "object" || raw === null) {
      throw new ClientError(422, "invalid_item", "A cart item is null.");
    }
    const { sku, quantity } = raw as { sku?: unknown; quantity?: unknown };
    if (typeof sku !== "string") invalid("sku must be a string");
    if (typeof quantity !== "number" || !Number.isInteger(quantity)) {
      invalid("quantity must be an integer");
    }
    if (quantity < 1 || quantity > maxQuantity) {
      throw new ClientError(
        422,
        "invalid_quantity",
        `Quantity ${quantity} of '${sku}' is outside 1..${maxQuantity}.`,
      );
    }
    const product = find(sku);
    software ||= product.category === "software";
    const volume = quantity >= 50 ? 90 : quantity >= 10 ? 95 : 100;
    const unit = divideToEven(product.unitPrice * volume, 100);
    lines.push({
      sku: product.sku,
      name: product.name,
      quantity,
      unitPrice: money(unit),
      lineTotal: money(unit * quantity),
    });
    lineCents.push(unit * quantity);
  }
  const subtotal = lineCents.reduce((sum, cents) => sum + cents, 0);
  const upper = coupon?.toUpperCase();
  let couponPercent = 0;
  if (upper === undefined || upper === "") couponPercent = 0;
  else if (upper === "WELCOME10") couponPercent = 10;
  else if (upper === "SOFTWARE20") {
    if (!software) {
      throw new ClientError(
        422,
        "invalid_coupon",
        "SOFTWARE20 needs a software item in the cart.",
      );
    }
    couponPercent = 20;
  } else {
    throw new ClientError(422, "invalid_coupon", `Unknown coupon '${coupon}'.`);
  }
  const discount = divideToEven(subtotal * couponPercent, 100);
  const tax = divideToEven((subtotal - discount) * rate, 10_000);
  return {
    region: region.toUpperCase(),
    lines,
    subtotal: money(subtotal),
    discount: money(discount),
    tax: money(tax),
    total: money(subtotal - discount + tax),
    coupon: upper ?? null,
  };
}

function invalid(message: string): never {
  throw new ClientError(400, "invalid_request", message);
}

// The risk model: the same algorithm as Pricing/Risk.cs (xorshift32, Box–Muller).
const weights = [0.2, 0.15, 0.15, 0.1, 0.1, 0.1, 0.1, 0.1];
const drifts = [0.0004, 0.0003, 0.0005, 0.0002, 0.0001, 0.0003, 0.0006, 0.0002];
const vols = [0.012, 0.015, 0.02, 0.01, 0.008, 0.018, 0.025, 0.011];
const betas = [0.8, 0.7, 0.9, 0.5, 0.3, 0.6, 0.95, 0.4];

export function simulate(
  paths: number,
  horizonDays: number,
  seed: number,
): RiskReport {
  if (!Number.isInteger(paths) || paths < 100 || paths > 500_000) {
    throw new ClientError(
      400,
      "invalid_argument",
      "paths must be in 100..500000",
    );
  }
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 250) {
    throw new ClientError(
      400,
      "invalid_argument",
      "horizonDays must be in 1..250",
    );
  }
  const started = performance.now();
  let state = seed >>> 0 || 0x9e3779b9;
  let spare = 0;
  let hasSpare = false;
  const uniform = (): number => {
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    return (state + 1) / 4294967297;
  };
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    hasSpare = true;
    return r * Math.cos(theta);
  };
  const assets = weights.length;
  const returns = new Float64Array(paths);
  const value = new Float64Array(assets);
  for (let path = 0; path < paths; path++) {
    for (let a = 0; a < assets; a++) value[a] = weights[a]!;
    for (let day = 0; day < horizonDays; day++) {
      const market = normal();
      for (let a = 0; a < assets; a++) {
        const beta = betas[a]!;
        const vol = vols[a]!;
        const shock = beta * market + Math.sqrt(1 - beta * beta) * normal();
        value[a] =
          value[a]! * Math.exp(drifts[a]! - 0.5 * vol * vol + vol * shock);
      }
    }
    let total = 0;
    for (let a = 0; a < assets; a++) total += value[a]!;
    returns[path] = total - 1;
  }
  returns.sort();
  const at95 = Math.floor(paths * 0.05);
  const at99 = Math.floor(paths * 0.01);
  let tail = 0;
  for (let i = 0; i <= at95; i++) tail += returns[i]!;
  let sum = 0;
  for (const r of returns) sum += r;
  return {
    paths,
    horizonDays,
    valueAtRisk95: -returns[at95]!,
    valueAtRisk99: -returns[at99]!,
    expectedShortfall95: -tail / (at95 + 1),
    meanReturn: sum / paths,
    elapsedMs: performance.now() - started,
  };
}
