/**
 * Nelder-Mead minimisation (Nelder & Mead 1965; the standard coefficients: reflection 1, expansion 2, contraction
 * 0.5, shrink 0.5, as in Lagarias et al. 1998), and a small BFGS for polishing a point when the gradient is known.
 *
 * How the fits use them: short simplex runs from several starting points find the basin (derivative-free and
 * robust to a start far off), then BFGS on the analytic gradient (the BG/NBD's is a few sums) converges from the
 * best one in a few dozen evaluations where the simplex needs hundreds; a simplex restart takes over when the
 * quasi-Newton steps stall, as on the ridge of a boundary optimum.
 *
 * Why a small local implementation rather than a package: the models have four (BG/NBD) and three (Gamma-Gamma)
 * parameters, fitted on log-parameters so that positivity needs no constraint; a derivative-free simplex method is
 * what the reference implementations of these models use, needs no gradient code to keep in step with the
 * likelihood, and is about a hundred lines. The npm candidates were weighed: `fmin` (pre-1.0, Nelder-Mead and
 * conjugate gradient, no types), `numeric` (its BFGS `uncmin`; unmaintained for a decade), `optimization-js` (little
 * used), `ml-levenberg-marquardt` (least squares, not a likelihood) and `mathjs` (no general minimiser, and a large
 * library for one function). None is both maintained and a fit for a four-parameter likelihood, and the engine must
 * run unchanged in the browser, so a small tested implementation it is. Its behaviour is pinned by its own tests
 * (Rosenbrock, a quadratic, an objective that is infinite outside a box); the fits add several starting points and
 * restarts from the best point, because a simplex can stall on the long likelihood ridges these models have.
 */

export interface MinimizeOptions {
  /** Initial step per coordinate (default 0.5, or one number for all). */
  step?: number | number[];
  /** Stop when the objective values of the simplex differ by less than this (default 1e-10). */
  fTolerance?: number;
  /** ... and the simplex is smaller than this in every coordinate (default 1e-8). */
  xTolerance?: number;
  /** Most objective evaluations (default 5000). */
  maxEvaluations?: number;
}

export interface MinimizeResult {
  /** The best point found. */
  x: number[];
  /** The objective there. */
  f: number;
  evaluations: number;
  /** True when the tolerances were met before the evaluation limit. */
  converged: boolean;
}

/**
 * Minimises `f` from `x0` with the Nelder-Mead simplex method. Non-finite objective values count as +Infinity, so an
 * objective can refuse a region by returning Infinity or NaN.
 *
 * @param f the objective
 * @param x0 the starting point
 * @param options step, tolerances, evaluation limit
 * @returns the best point, its value, the number of evaluations and whether the tolerances were met
 * @example nelderMead(([x, y]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).x // ≈ [1, -2]
 */
export function nelderMead(f: (x: number[]) => number, x0: number[], options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const fTol = options.fTolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-8;
  const maxEval = options.maxEvaluations ?? 5000;
  const steps = Array.isArray(options.step) ? options.step : x0.map(() => (options.step as number) ?? 0.5);
  let evaluations = 0;
  const value = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += steps[i];
    simplex.push(p);
  }
  let fs = simplex.map(value);
  let converged = false;
  while (evaluations < maxEval) {
    const order = fs.map((_, i) => i).sort((i, j) => fs[i] - fs[j]);
    const sorted = order.map((i) => simplex[i]);
    fs = order.map((i) => fs[i]);
    for (let i = 0; i <= n; i++) simplex[i] = sorted[i];
    if (isSmall(simplex, fs, fTol, xTol)) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) centroid[k] += simplex[i][k] / n;
    const along = (t: number): number[] => centroid.map((c, k) => c + t * (simplex[n][k] - c));
    const xr = along(-1);
    const fr = value(xr);
    if (fr < fs[0]) {
      const xe = along(-2);
      const fe = value(xe);
      if (fe < fr) [simplex[n], fs[n]] = [xe, fe];
      else [simplex[n], fs[n]] = [xr, fr];
      continue;
    }
    if (fr < fs[n - 1]) {
      [simplex[n], fs[n]] = [xr, fr];
      continue;
    }
    const outside = fr < fs[n];
    const xc = along(outside ? -0.5 : 0.5);
    const fc = value(xc);
    if (outside ? fc <= fr : fc < fs[n]) {
      [simplex[n], fs[n]] = [xc, fc];
      continue;
    }
    for (let i = 1; i <= n; i++) {
      simplex[i] = simplex[i].map((v, k) => simplex[0][k] + 0.5 * (v - simplex[0][k]));
      fs[i] = value(simplex[i]);
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (fs[i] < fs[best]) best = i;
  return { x: simplex[best].slice(), f: fs[best], evaluations, converged };
}

function isSmall(simplex: number[][], fs: number[], fTol: number, xTol: number): boolean {
  const n = simplex.length - 1;
  if (!(Math.abs(fs[n] - fs[0]) <= fTol * (1 + Math.abs(fs[0])))) return false;
  for (let i = 1; i <= n; i++) {
    for (let k = 0; k < n; k++) if (Math.abs(simplex[i][k] - simplex[0][k]) > xTol) return false;
  }
  return true;
}

/**
 * Minimises `fg` (value and gradient) from `x0` with BFGS (Nocedal & Wright 2006, algorithm 6.1): an inverse-Hessian
 * estimate updated from successive gradients, and a backtracking line search that halves the step until the Armijo
 * condition holds. A step into a region where the value is not finite is halved like any other rejected step, so an
 * objective can refuse a region by returning Infinity. Used to polish a point the simplex found: near an optimum a
 * quasi-Newton method needs far fewer evaluations than Nelder-Mead.
 *
 * @param fg value and gradient at a point
 * @param x0 the starting point
 * @param options gTolerance (stop when every |gradient| component is below it, default 1e-6), fTolerance (stop when
 *   an iteration improves the value by less than this relative amount, default 1e-12), maxIterations (default 200)
 * @returns the best point, its value, the number of evaluations and whether the gradient tolerance was met (false
 *   when the steps stalled or the iterations ran out)
 * @example bfgs(([x, y]) => ({ f: (x - 1) ** 2 + (y + 2) ** 2, g: [2 * (x - 1), 2 * (y + 2)] }), [0, 0]).x // ≈ [1, -2]
 */
export function bfgs(
  fg: (x: number[]) => { f: number; g: number[] },
  x0: number[],
  options: { gTolerance?: number; fTolerance?: number; maxIterations?: number } = {},
): MinimizeResult {
  const n = x0.length;
  const gTol = options.gTolerance ?? 1e-6;
  const fTol = options.fTolerance ?? 1e-12;
  const maxIter = options.maxIterations ?? 200;
  let evaluations = 1;
  let x = x0.slice();
  let { f, g } = fg(x);
  if (!Number.isFinite(f)) return { x, f: Infinity, evaluations, converged: false };
  // Inverse Hessian estimate, row-major; starts as the identity.
  let H = identity(n);
  let converged = false;
  for (let iter = 0; iter < maxIter; iter++) {
    if (Math.max(...g.map(Math.abs)) < gTol) {
      converged = true;
      break;
    }
    let p = H.map((row) => -row.reduce((sum, h, k) => sum + h * g[k], 0));
    let slope = p.reduce((sum, v, k) => sum + v * g[k], 0);
    if (!(slope < 0)) {
      // Not a descent direction (the estimate went bad): restart from steepest descent.
      H = identity(n);
      p = g.map((v) => -v);
      slope = -g.reduce((sum, v) => sum + v * v, 0);
    }
    let t = 1;
    let next: { f: number; g: number[] } | null = null;
    let xn = x;
    for (let k = 0; k < 60; k++) {
      xn = x.map((v, i) => v + t * p[i]);
      const trial = fg(xn);
      evaluations++;
      if (Number.isFinite(trial.f) && trial.f <= f + 1e-4 * t * slope) {
        next = trial;
        break;
      }
      t *= 0.5;
    }
    if (next === null) break; // no step improves: as good as it gets from here
    const s = xn.map((v, i) => v - x[i]);
    const y = next.g.map((v, i) => v - g[i]);
    const improvement = f - next.f;
    x = xn;
    f = next.f;
    g = next.g;
    const sy = s.reduce((sum, v, i) => sum + v * y[i], 0);
    if (sy > 1e-12) H = updateInverse(H, s, y, sy);
    if (Math.max(...g.map(Math.abs)) < gTol) {
      converged = true;
      break;
    }
    // Progress too small to go on, but the gradient is not small: stalled, not converged (the caller decides).
    if (improvement <= fTol * (1 + Math.abs(f))) break;
  }
  return { x, f, evaluations, converged };
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** The BFGS update H' = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / (yᵀ s). */
function updateInverse(H: number[][], s: number[], y: number[], sy: number): number[][] {
  const n = s.length;
  const rho = 1 / sy;
  const Hy = H.map((row) => row.reduce((sum, h, k) => sum + h * y[k], 0));
  const yHy = y.reduce((sum, v, i) => sum + v * Hy[i], 0);
  const out = identity(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i][j] = H[i][j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
    }
  }
  return out;
}
