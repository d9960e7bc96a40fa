/** The special functions and the optimizer the models rest on, against closed forms. */
import fc from "fast-check";
import { bfgs, expectedPurchasesNew, hyp2f1, hyp2f1Minus1, logGamma, nelderMead } from "../../../src/rfm/predict";

describe("logGamma", () => {
  test("matches exact values", () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 9);
    expect(logGamma(1e-8)).toBeCloseTo(-Math.log(1e-8) - 0.5772156649e-8, 12);
    expect(logGamma(0)).toBeNaN();
  });
  test("recurrence lnΓ(x+1) = lnΓ(x) + ln x", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (x) => {
        expect(logGamma(x + 1)).toBeCloseTo(logGamma(x) + Math.log(x), 8);
      }),
    );
  });
});

describe("hyp2f1", () => {
  test("closed forms, including arguments near 1", () => {
    for (const z of [0.1, 0.5, 0.9, 0.95, 0.999, 0.999999]) {
      // 2F1(1, 1; 2; z) = −ln(1 − z) / z
      // c − a − b = 0 is the logarithmic case of the 1 − z transformation: relative accuracy, not absolute.
      const exact = -Math.log1p(-z) / z;
      expect(Math.abs(hyp2f1(1, 1, 2, z) / exact - 1)).toBeLessThan(1e-9);
      // 2F1(a, b; b; z) = (1 − z)^−a, here with a non-integer c − a − b
      const v = hyp2f1(0.7, 2.5, 2.5, z);
      expect(Math.abs(v / Math.pow(1 - z, -0.7) - 1)).toBeLessThan(1e-10);
      // 2F1(1/2, 1/2; 3/2; z²) = arcsin(z) / z
      const s = Math.sqrt(z);
      expect(hyp2f1(0.5, 0.5, 1.5, z)).toBeCloseTo(Math.asin(s) / s, 10);
    }
  });
  test("the 1 − z transformation agrees with the direct series (checked through a contiguous relation)", () => {
    // Gauss's relation c(c−1)(z−1)F(c−1) + c[c−1−(2c−a−b−1)z]F(c) + (c−a)(c−b)z F(c+1) = 0 ties three values
    // computed independently, whichever branch each takes.
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 8, noNaN: true }),
        fc.double({ min: 0.1, max: 8, noNaN: true }),
        fc.double({ min: 1.2, max: 12, noNaN: true }),
        fc.double({ min: 0.5, max: 0.995, noNaN: true }),
        (a, b, c, z) => {
          const f0 = hyp2f1(a, b, c - 1, z);
          const f1 = hyp2f1(a, b, c, z);
          const f2 = hyp2f1(a, b, c + 1, z);
          const terms = [
            c * (c - 1) * (z - 1) * f0,
            c * (c - 1 - (2 * c - a - b - 1) * z) * f1,
            (c - a) * (c - b) * z * f2,
          ];
          const scale = Math.max(...terms.map(Math.abs));
          expect(Math.abs(terms[0] + terms[1] + terms[2]) / scale).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 200 },
    );
  });
  test("hyp2f1Minus1 keeps its relative accuracy when 2F1 is close to 1", () => {
    for (const z of [1e-12, 1e-9, 1e-6, 1e-3, 0.5, 0.95]) {
      const exact = -Math.log1p(-z) / z - 1; // 2F1(1, 1; 2; z) − 1
      const series = z / 2 + (z * z) / 3 + (z * z * z) / 4;
      expect(Math.abs(hyp2f1Minus1(1, 1, 2, z) / (z < 1e-3 ? series : exact) - 1)).toBeLessThan(1e-9);
    }
    expect(hyp2f1Minus1(1, 1, 2, 0)).toBe(0);
    expect(hyp2f1Minus1(1, 1, 2, 1)).toBeNaN();
  });
  test("huge parameters (a fit without dropout: b → ∞) stay accurate and fast near z = 1", () => {
    // With b → ∞ the BG/NBD becomes the NBD, whose E[X(t)] is r t / α; a/(a+b) ≈ 1e-13 leaves it there.
    for (const t of [0.01, 1, 52, 500]) {
      const v = expectedPurchasesNew({ r: 0.7, alpha: 9.4, a: 1e-6, b: 1e7 }, t);
      expect(Math.abs(v / ((0.7 * t) / 9.4) - 1)).toBeLessThan(1e-6);
    }
  });
  test("E[X(t)] is smooth across a = 1 (the formula's 0/0 point)", () => {
    for (const b of [2, 1000, 1e6]) {
      const f = (a: number): number => expectedPurchasesNew({ r: 1, alpha: 1, a, b }, 0.01);
      const values = [0.98, 0.99, 0.995, 1, 1.005, 1.01, 1.02].map(f);
      for (let k = 1; k < values.length; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1] * (1 + 1e-7));
      expect(Math.abs(f(1) / (0.5 * (f(0.99) + f(1.01))) - 1)).toBeLessThan(1e-6);
    }
  });
  test("c − a near a pole of Γ (a BG/NBD fit with a → 0): the direct series, not a cancelled transformation", () => {
    // Found by the property test: a = 1e-6, b = 1 gives c = a − 1 + b ≈ 1e-6, and c − r ≈ −1 for r ≈ 1.
    const c = 0.0000010000000001952878 - 1 + 1;
    const z = 9.000000000000009 / 10.000000000000009;
    let term = 1;
    let sum = 1;
    for (let j = 0; j < 100_000 && term > 1e-18 * sum; j++) {
      term *= (((1 + j) * (1 + j)) / ((c + j) * (j + 1))) * z;
      sum += term;
    }
    for (const r of [1, 1.0000000000000002, 1 + 1e-9]) expect(hyp2f1(r, 1, c, z) / sum).toBeCloseTo(1, 6);
    const p = { r: 1.0000000000000002, alpha: 1, a: 0.0000010000000001952878, b: 1 };
    expect(expectedPurchasesNew(p, 9.000000000000009)).toBeCloseTo(9, 3);
  });

  test("outside the domain: NaN", () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, -0.1)).toBeNaN();
    expect(hyp2f1(1, 1, 0, 0.5)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 0)).toBe(1);
  });
});

describe("nelderMead", () => {
  test("finds the minimum of the Rosenbrock function", () => {
    const rosen = ([x, y]: number[]): number => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const res = nelderMead(rosen, [-1.2, 1], { maxEvaluations: 5000, xTolerance: 1e-10 });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 6);
    expect(res.x[1]).toBeCloseTo(1, 6);
  });
  test("a 4-dimensional quadratic, from far away", () => {
    const target = [3, -2, 0.5, 10];
    const f = (x: number[]): number => x.reduce((s, v, k) => s + (k + 1) * (v - target[k]) ** 2, 0);
    const res = nelderMead(f, [0, 0, 0, 0], { step: 1 });
    res.x.forEach((v, k) => expect(v).toBeCloseTo(target[k], 5));
  });
  test("treats NaN and Infinity as refused regions and stays inside", () => {
    const f = ([x]: number[]): number => (x < 0 ? NaN : (x - 0.2) ** 2);
    const res = nelderMead(f, [2], { step: 1 });
    expect(res.x[0]).toBeCloseTo(0.2, 6);
    // Box-constrained: the optimum of (x+5)^2 on x ≥ 0 is the edge.
    const edge = nelderMead(([x]) => (x < 0 ? Infinity : (x + 5) ** 2), [3], { step: 1 });
    expect(edge.x[0]).toBeGreaterThanOrEqual(0);
    expect(edge.x[0]).toBeLessThan(1e-6);
  });
  test("stops at the evaluation limit and says it did not converge", () => {
    const res = nelderMead(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1], { maxEvaluations: 20 });
    expect(res.converged).toBe(false);
    expect(res.evaluations).toBeLessThanOrEqual(22);
  });
});

describe("bfgs", () => {
  test("finds the minimum of the Rosenbrock function with its gradient", () => {
    const fg = ([x, y]: number[]): { f: number; g: number[] } => ({
      f: 100 * (y - x * x) ** 2 + (1 - x) ** 2,
      g: [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)],
    });
    const res = bfgs(fg, [-1.2, 1], { gTolerance: 1e-4 });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 5);
    expect(res.x[1]).toBeCloseTo(1, 5);
    // Far fewer evaluations than the simplex needs for the same point.
    expect(res.evaluations).toBeLessThan(200);
  });
  test("backs off from a region the objective refuses, and reports a stall as not converged", () => {
    const fg = ([x]: number[]): { f: number; g: number[] } =>
      x < 0 ? { f: Infinity, g: [0] } : { f: (x + 5) ** 2, g: [2 * (x + 5)] };
    const res = bfgs(fg, [3]);
    expect(res.x[0]).toBeGreaterThanOrEqual(0);
    expect(res.x[0]).toBeLessThan(1e-3);
    expect(res.converged).toBe(false);
  });
});
