// Minimum-cost circulation by cost-scaling push–relabel (Goldberg–Tarjan, with the FIFO discharge
// and push look-ahead of Goldberg's CS2), on typed arrays so tens of millions of arcs fit in memory.
// Costs are integers; they are multiplied by (n + 1) so that the last phase (ε = 1) yields a
// 1/(n+1)-optimal, hence exactly optimal, circulation for the original costs.

export interface CirculationInput {
  nodeCount: number;
  arcCount: number;
  tail: Int32Array;
  head: Int32Array;
  /** Upper bounds; lower bounds are 0. */
  cap: Int32Array;
  /** Integer costs (stored as doubles so they may exceed 32 bits). */
  cost: Float64Array;
}

export interface CirculationResult {
  /** Flow on each input arc. */
  flow: Int32Array;
  /** Σ flow × cost, in the input's integer cost units. */
  cost: number;
  phases: number;
  pushes: number;
  relabels: number;
  /**
   * Final node prices in scaled cost units (input cost × multiplier). 1-optimal (every residual arc
   * has reduced cost ≥ −1) by default; exactly optimal dual prices (every residual arc has reduced
   * cost ≥ 0) when `exactPrices` was requested.
   */
  price: Float64Array;
  /** Time spent turning the 1-optimal prices into exact ones (0 unless requested). */
  exactPriceMs: number;
  /** Node scans made by that step. */
  exactPriceScans: number;
  /** The factor input costs were multiplied by: nodeCount + 1. */
  multiplier: number;
  /** max |price| / max |scaled cost| at the end: how much of the exactness headroom was used. */
  priceRatio: number;
}

export interface CirculationOptions {
  /** Factor by which ε shrinks per phase. */
  alpha?: number;
  /**
   * After the last phase, shift the prices by shortest-path distances in the residual graph so that
   * no residual arc has a negative reduced cost: an optimality certificate for the scaled costs.
   */
  exactPrices?: boolean;
}

// Prices stay exact integers in a double only below 2^53; the caller keeps |cost|·(n+1) far below
// that, and this guard turns any unexpected drift into an error instead of a silently wrong answer.
const PRICE_LIMIT = 2 ** 52;

export function solveCirculation(input: CirculationInput, opts: CirculationOptions = {}): CirculationResult {
  const alpha = opts.alpha ?? 8;
  const n = input.nodeCount;
  const mf = input.arcCount;
  const m = 2 * mf;
  const { tail, head: inHead, cap, cost: inCost } = input;
  const mult = n + 1;

  // Forward star: each node's residual arcs are contiguous; arc a's reverse is rev[a].
  const first = new Int32Array(n + 1);
  for (let i = 0; i < mf; i++) {
    first[tail[i]! + 1]!++;
    first[inHead[i]! + 1]!++;
  }
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const fill = first.slice(0, n);
  const head = new Int32Array(m);
  const rev = new Int32Array(m);
  const rcap = new Int32Array(m);
  const cost = new Float64Array(m);
  const fwd = new Int32Array(mf);
  let maxCost = 0;
  for (let i = 0; i < mf; i++) {
    const t = tail[i]!;
    const h = inHead[i]!;
    const a = fill[t]!++;
    const b = fill[h]!++;
    head[a] = h;
    head[b] = t;
    rev[a] = b;
    rev[b] = a;
    rcap[a] = cap[i]!;
    const c = inCost[i]! * mult;
    cost[a] = c;
    cost[b] = -c;
    fwd[i] = a;
    if (cap[i]! > 0 && Math.abs(c) > maxCost) maxCost = Math.abs(c);
  }
  if (maxCost > PRICE_LIMIT / 128) throw new RangeError('circulation costs too large for exact scaling');

  const price = new Float64Array(n);
  const excess = new Float64Array(n);
  let eps = maxCost;
  const current = new Int32Array(n);
  const queue = new Int32Array(n + 1);
  const inQueue = new Uint8Array(n);
  let qHead = 0;
  let qTail = 0;
  let pushes = 0;
  let relabels = 0;
  let phases = 0;

  const enqueue = (v: number): void => {
    if (inQueue[v]) return;
    inQueue[v] = 1;
    queue[qTail] = v;
    qTail = qTail === n ? 0 : qTail + 1;
  };

  // Lowers v's price as far as ε-optimality allows; returns false only if v has no residual arc.
  const relabel = (v: number): boolean => {
    let best = Number.NEGATIVE_INFINITY;
    const end = first[v + 1]!;
    for (let a = first[v]!; a < end; a++) {
      if (rcap[a]! > 0) {
        const t = price[head[a]!]! - cost[a]!;
        if (t > best) best = t;
      }
    }
    if (best === Number.NEGATIVE_INFINITY) return false;
    const np = best - eps;
    if (np < -PRICE_LIMIT) throw new RangeError('circulation prices overflowed exact range');
    price[v] = np;
    current[v] = first[v]!;
    relabels++;
    return true;
  };

  // Moves current[v] to its first admissible arc; false if none remains.
  const hasAdmissible = (v: number): boolean => {
    const pv = price[v]!;
    const end = first[v + 1]!;
    let a = current[v]!;
    for (; a < end; a++) {
      if (rcap[a]! > 0 && cost[a]! + pv - price[head[a]!]! < 0) {
        current[v] = a;
        return true;
      }
    }
    current[v] = end;
    return false;
  };

  while (eps > 1) {
    eps = Math.max(1, Math.floor(eps / alpha));
    phases++;

    // Make the current prices 0-optimal by saturating every arc of negative reduced cost.
    for (let v = 0; v < n; v++) {
      const pv = price[v]!;
      const end = first[v + 1]!;
      for (let a = first[v]!; a < end; a++) {
        const r = rcap[a]!;
        if (r > 0) {
          const w = head[a]!;
          if (cost[a]! + pv - price[w]! < 0) {
            rcap[a] = 0;
            rcap[rev[a]!]! += r;
            excess[v]! -= r;
            excess[w]! += r;
          }
        }
      }
    }
    qHead = 0;
    qTail = 0;
    for (let v = 0; v < n; v++) {
      current[v] = first[v]!;
      if (excess[v]! > 0) enqueue(v);
    }

    while (qHead !== qTail) {
      const v = queue[qHead]!;
      qHead = qHead === n ? 0 : qHead + 1;
      inQueue[v] = 0;
      // Discharge v.
      let e = excess[v]!;
      while (e > 0) {
        if (!hasAdmissible(v)) {
          if (!relabel(v)) throw new Error('circulation: node with excess has no residual arc');
          continue;
        }
        const a = current[v]!;
        const w = head[a]!;
        const ew = excess[w]!;
        // Look-ahead: pushing into a node that could only push it back wastes work; relabel it first.
        if (ew >= 0 && !hasAdmissible(w) && relabel(w)) continue; // the arc may no longer be admissible
        const r = rcap[a]!;
        const d = Math.min(e, r);
        rcap[a] = r - d;
        rcap[rev[a]!]! += d;
        e -= d;
        excess[w] = ew + d;
        pushes++;
        if (ew <= 0 && ew + d > 0) enqueue(w);
      }
      excess[v] = e;
    }
  }

  let exactPriceMs = 0;
  let exactPriceScans = 0;
  if (opts.exactPrices) {
    const t0 = performance.now();
    exactPriceScans = makePricesExact(n, first, head, rcap, cost, price, queue, inQueue);
    exactPriceMs = performance.now() - t0;
  }

  const flow = new Int32Array(mf);
  let total = 0;
  for (let i = 0; i < mf; i++) {
    const f = cap[i]! - rcap[fwd[i]!]!;
    flow[i] = f;
    total += f * inCost[i]!;
  }
  let maxPrice = 0;
  for (let v = 0; v < n; v++) maxPrice = Math.max(maxPrice, Math.abs(price[v]!));
  return {
    flow,
    cost: total,
    phases,
    pushes,
    relabels,
    price,
    exactPriceMs,
    exactPriceScans,
    multiplier: mult,
    priceRatio: maxCost > 0 ? maxPrice / maxCost : 0,
  };
}

/**
 * Turns 1-optimal prices into exact dual prices. At the end of the ε = 1 phase every residual arc has
 * reduced cost c_p(a) = c(a) + p(tail) − p(head) ≥ −1, and the circulation is optimal, so the
 * residual graph has no negative cycle (with costs scaled by n + 1 a cycle's cost is a multiple of
 * n + 1 and at least −(n − 1)). Shortest-path distances d from a virtual source joined to every node
 * by a zero arc then satisfy d(w) ≤ d(v) + c_p(v, w) on every residual arc, so p + d has no negative
 * reduced cost. FIFO label correcting (Bellman–Ford with a queue); only nodes that leave a
 * negative arc start in the queue, and the distances are integers in [−(n − 1), 0].
 * Returns the number of node scans.
 */
function makePricesExact(
  n: number,
  first: Int32Array,
  head: Int32Array,
  rcap: Int32Array,
  cost: Float64Array,
  price: Float64Array,
  queue: Int32Array,
  inQueue: Uint8Array,
): number {
  const dist = new Float64Array(n);
  let qHead = 0;
  let qTail = 0;
  inQueue.fill(0);
  const enqueue = (v: number): void => {
    if (inQueue[v]) return;
    inQueue[v] = 1;
    queue[qTail] = v;
    qTail = qTail === n ? 0 : qTail + 1;
  };
  for (let v = 0; v < n; v++) {
    const pv = price[v]!;
    const end = first[v + 1]!;
    for (let a = first[v]!; a < end; a++) {
      if (rcap[a]! > 0 && cost[a]! + pv - price[head[a]!]! < 0) {
        enqueue(v);
        break;
      }
    }
  }
  let scans = 0;
  while (qHead !== qTail) {
    const v = queue[qHead]!;
    qHead = qHead === n ? 0 : qHead + 1;
    inQueue[v] = 0;
    scans++;
    const dv = dist[v]! + price[v]!;
    const end = first[v + 1]!;
    for (let a = first[v]!; a < end; a++) {
      if (rcap[a]! > 0) {
        const w = head[a]!;
        const nd = dv + cost[a]! - price[w]!;
        if (nd < dist[w]!) {
          // Without a negative cycle no distance can fall below −(n − 1).
          if (nd < -n) throw new Error('circulation: residual graph has a negative cycle (not optimal)');
          dist[w] = nd;
          enqueue(w);
        }
      }
    }
  }
  for (let v = 0; v < n; v++) price[v]! += dist[v]!;
  return scans;
}
