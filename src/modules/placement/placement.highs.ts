// Independent reference solver for tests and the benchmark: writes the placement problem as a
// CPLEX-LP model and solves it with HiGHS (WASM). Only dev tooling imports this (highs is a
// devDependency); the planner itself never does.

import type { PlacementInstance } from './placement.types.ts';

export interface ReferencePair {
  product: number;
  outlet: number;
  value: number;
}

export interface HighsLike {
  solve(
    problem: string,
    options?: Record<string, unknown>,
  ): {
    Status: string;
    ObjectiveValue: number;
    Columns: Record<string, { Primal: number }>;
  };
}

export interface ReferenceResult {
  status: string;
  objective: number;
  /** Indices into the given pairs that HiGHS set to 1. */
  chosen: number[];
}

/**
 * `milp`: binary x per pair and binary y per UMKM with Σx ≤ maxOutlets·y and y ≤ Σx, bonus on y —
 * a formulation that shares nothing with the flow model. `lp`: the flow model's LP (a network
 * matrix, so its vertex optimum is integral); far lighter for large checks.
 */
export function solveWithHighs(
  highs: HighsLike,
  inst: PlacementInstance,
  pairs: ArrayLike<ReferencePair> | { count: number; product: Int32Array; outlet: Int32Array; value: Float64Array },
  form: 'milp' | 'lp' = 'milp',
  options: Record<string, unknown> = {},
): ReferenceResult {
  const get = toGetter(pairs);
  const count = get.count;
  if (count === 0) return { status: 'Optimal', objective: 0, chosen: [] };
  const bonus = inst.params.firstPlacementBonus;
  const umkmIndex = new Map<string, number>();
  for (const [i, u] of inst.umkm.entries()) umkmIndex.set(u.id, i);

  const byOutlet = new Map<number, number[]>();
  const byProduct = new Map<number, number[]>();
  const byUmkm = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const { product, outlet } = get.at(i);
    const u = umkmIndex.get(inst.products[product]!.umkmId)!;
    pushTo(byOutlet, outlet, i);
    pushTo(byProduct, product, i);
    pushTo(byUmkm, u, i);
  }

  const lines: string[] = ['Maximize', ' obj:'];
  for (let i = 0; i < count; i++) lines.push(` + ${num(get.at(i).value)} x${i}`);
  const umkms = [...byUmkm.keys()].sort((a, b) => a - b);
  for (const u of umkms) lines.push(` + ${num(bonus)} ${form === 'milp' ? 'y' : 'f'}${u}`);
  lines.push('Subject To');
  const sumLine = (name: string, idx: number[], tailTerm: string, rhs: string): void => {
    lines.push(` ${name}:`);
    for (const i of idx) lines.push(` + x${i}`);
    lines.push(` ${tailTerm} ${rhs}`);
  };
  for (const [o, idx] of byOutlet) sumLine(`o${o}`, idx, '', `<= ${inst.outlets[o]!.slots}`);
  for (const [p, idx] of byProduct) sumLine(`p${p}`, idx, '', `<= ${inst.products[p]!.maxOutlets}`);
  for (const u of umkms) {
    const idx = byUmkm.get(u)!;
    const cap = inst.umkm[u]!.maxOutlets;
    if (form === 'milp') {
      sumLine(`u${u}`, idx, `- ${cap} y${u}`, '<= 0');
      lines.push(` w${u}: y${u}`);
      for (const i of idx) lines.push(` - x${i}`);
      lines.push(' <= 0');
    } else {
      sumLine(`u${u}`, idx, `- f${u} - g${u}`, '= 0');
    }
  }
  lines.push('Bounds');
  for (let i = 0; i < count; i++) lines.push(` 0 <= x${i} <= 1`);
  for (const u of umkms) {
    if (form === 'milp') lines.push(` 0 <= y${u} <= 1`);
    else lines.push(` 0 <= f${u} <= 1`, ` 0 <= g${u} <= ${Math.max(0, inst.umkm[u]!.maxOutlets - 1)}`);
  }
  if (form === 'milp') {
    lines.push('Binary');
    for (let i = 0; i < count; i++) lines.push(` x${i}`);
    for (const u of umkms) lines.push(` y${u}`);
  }
  lines.push('End');

  const sol = highs.solve(lines.join('\n'), {
    output_flag: false,
    mip_rel_gap: 0,
    mip_abs_gap: 1e-9,
    ...options,
  });
  const chosen: number[] = [];
  if (sol.Status === 'Optimal') {
    for (let i = 0; i < count; i++) if ((sol.Columns[`x${i}`]?.Primal ?? 0) > 0.5) chosen.push(i);
  }
  return { status: sol.Status, objective: sol.ObjectiveValue, chosen };
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(17);
}

function pushTo(m: Map<number, number[]>, k: number, v: number): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

function toGetter(pairs: ArrayLike<ReferencePair> | { count: number; product: Int32Array; outlet: Int32Array; value: Float64Array }): {
  count: number;
  at(i: number): ReferencePair;
} {
  if ('count' in pairs && typeof pairs.count === 'number' && 'product' in pairs) {
    const t = pairs;
    return {
      count: t.count,
      at: (i) => ({ product: t.product[i]!, outlet: t.outlet[i]!, value: t.value[i]! }),
    };
  }
  const a = pairs as ArrayLike<ReferencePair>;
  return { count: a.length, at: (i) => a[i]! };
}
