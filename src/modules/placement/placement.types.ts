// Types for placement planning (C5): the instance format v1 contract and the solver's output.
// Kept separate so the validator, solver, CLI and benchmark share one definition.

export interface PlacementParams {
  /** Added once for every UMKM that gets at least one placement. Absent means 0. */
  firstPlacementBonus: number;
}

export interface Outlet {
  id: string;
  chain: string;
  lat: number;
  lon: number;
  slots: number;
  acceptsPerishable: boolean;
}

export interface Umkm {
  id: string;
  lat: number;
  lon: number;
  maxOutlets: number;
}

export interface Product {
  id: string;
  umkmId: string;
  radiusKm: number;
  perishable: boolean;
  maxOutlets: number;
  weeklyUnits: number;
  chains: string[];
}

export interface PlacementInstance {
  version: 1;
  params: PlacementParams;
  outlets: Outlet[];
  umkm: Umkm[];
  products: Product[];
}

export interface Placement {
  productId: string;
  outletId: string;
}

export interface PlacementStats {
  outlets: number;
  umkm: number;
  products: number;
  /** Eligible (product, outlet) pairs of products that can be placed at all. */
  pairs: number;
  components: number;
  largestComponentPairs: number;
  largestComponentNodes: number;
  placements: number;
  placedUmkm: number;
  buildMs: number;
  solveMs: number;
  totalMs: number;
  /** Cost-scaling phases, summed over components. */
  phases: number;
  pushes: number;
  relabels: number;
  /**
   * Proven bound on how far `objective` can be below the true optimum, caused only by rounding
   * values to integers for the flow algorithm (see docs/PLACEMENT.md).
   */
  roundingToleranceAbs: number;
  /**
   * Largest |node price| / largest |scaled arc cost| seen in any component: prices must stay exact
   * doubles, and the cost budget leaves room for a ratio of 4096.
   */
  maxPriceRatio: number;
}

export interface PlacementResult {
  placements: Placement[];
  objective: number;
  stats: PlacementStats;
  /** Only when requested (`solvePlacement(inst, { certificate: true })`); never part of CLI output. */
  certificate?: PlacementCertificate;
}

/**
 * Optimality certificate: the dual prices and structural arc flows of every component's flow network
 * (docs/PLACEMENT.md, "Optimality certificate"), indexed by the instance's own record positions so
 * that `verifyCertificate` can rebuild the network from the instance and check it independently.
 * In component c a pair's integer cost is −round(v × scale[c]) and the bonus's −round(bonus ×
 * scale[c]); the network's arc costs are those × multiplier[c]; prices are in those scaled units.
 */
export interface PlacementCertificate {
  components: number;
  scale: Float64Array;
  multiplier: Float64Array;
  /** Price of each component's hub node. */
  hubPrice: Float64Array;
  /** Component of each UMKM / outlet, −1 when it has no eligible pair. Products follow their UMKM. */
  umkmComponent: Int32Array;
  outletComponent: Int32Array;
  umkmPrice: Float64Array;
  productPrice: Float64Array;
  outletPrice: Float64Array;
  /** Flow on hub → UMKM in total, and on its first-placement (bonus) arc. */
  umkmFlow: Int32Array;
  umkmBonusFlow: Int32Array;
  /** Flow on UMKM → product and on outlet → hub. Pair arc flows are the placements themselves. */
  productFlow: Int32Array;
  outletFlow: Int32Array;
  /** Time spent making the prices exact (shortest paths on the residual graph), summed. */
  exactPriceMs: number;
}
