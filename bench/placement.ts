// Benchmark for placement planning (C5): generates deterministic, town-clustered Indonesian
// instances and reports pairs, components, timings, peak memory, the optimality certificate check,
// objective vs greedy and, where it is affordable, HiGHS — both as whole commands in child processes
// (start-up included). Usage: tsx bench/placement.ts [regency|province|national|all]
// (docs/PLACEMENT.md records the exact command and the figures measured).
// `tsx bench/placement.ts province --write-instance FILE` only writes that scale's instance.
// Exit code 1 if any optimality certificate fails to verify.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import loadHighs from 'highs';
import { verifyCertificate } from '../src/modules/placement/placement.certificate.ts';
import { greedyPlacement } from '../src/modules/placement/placement.greedy.ts';
import { type HighsLike, solveWithHighs } from '../src/modules/placement/placement.highs.ts';
import { buildPairs } from '../src/modules/placement/placement.pairs.ts';
import { solvePlacement } from '../src/modules/placement/placement.rules.ts';
import type { Outlet, PlacementInstance, Product, Umkm } from '../src/modules/placement/placement.types.ts';
import { validateInstance } from '../src/modules/placement/placement.validate.ts';

/** [name, lat, lon, weight ≈ population in thousands] of real Indonesian towns. */
const TOWNS: Array<[string, number, number, number]> = [
  ['Jakarta', -6.2088, 106.8456, 10500],
  ['Surabaya', -7.2575, 112.7521, 2900],
  ['Bandung', -6.9175, 107.6191, 2500],
  ['Bekasi', -6.2383, 106.9756, 2500],
  ['Medan', 3.5952, 98.6722, 2400],
  ['Depok', -6.4025, 106.7942, 2000],
  ['Tangerang', -6.1783, 106.6319, 1900],
  ['Semarang', -6.9667, 110.4167, 1650],
  ['Palembang', -2.9761, 104.7754, 1650],
  ['Makassar', -5.1477, 119.4327, 1400],
  ['Tangerang Selatan', -6.2835, 106.7113, 1350],
  ['Batam', 1.0456, 104.0305, 1200],
  ['Bogor', -6.595, 106.8166, 1100],
  ['Bandar Lampung', -5.3971, 105.2668, 1100],
  ['Pekanbaru', 0.5071, 101.4478, 1000],
  ['Padang', -0.9471, 100.4172, 900],
  ['Malang', -7.9666, 112.6326, 850],
  ['Samarinda', -0.5022, 117.1536, 830],
  ['Denpasar', -8.6705, 115.2126, 720],
  ['Tasikmalaya', -7.3274, 108.2207, 720],
  ['Serang', -6.12, 106.1503, 690],
  ['Balikpapan', -1.2379, 116.8529, 690],
  ['Banjarmasin', -3.3186, 114.5944, 660],
  ['Pontianak', -0.0263, 109.3425, 660],
  ['Jambi', -1.6101, 103.6131, 600],
  ['Cimahi', -6.8722, 107.5425, 570],
  ['Surakarta', -7.5755, 110.8243, 520],
  ['Manado', 1.4748, 124.8421, 450],
  ['Kupang', -10.1772, 123.607, 440],
  ['Mataram', -8.5833, 116.1167, 430],
  ['Cilegon', -6.0025, 106.0111, 430],
  ['Yogyakarta', -7.7956, 110.3695, 420],
  ['Jayapura', -2.5337, 140.7181, 400],
  ['Palu', -0.8917, 119.8707, 380],
  ['Bengkulu', -3.8004, 102.2655, 370],
  ['Ambon', -3.6954, 128.1814, 350],
  ['Sukabumi', -6.9277, 106.93, 350],
  ['Kendari', -3.9985, 122.5129, 350],
  ['Cirebon', -6.732, 108.5523, 330],
  ['Jember', -8.1724, 113.6995, 330],
  ['Dumai', 1.6666, 101.45, 320],
  ['Pekalongan', -6.8898, 109.6746, 310],
  ['Kediri', -7.848, 112.0178, 290],
  ['Binjai', 3.6001, 98.4854, 290],
  ['Palangka Raya', -2.2136, 113.9108, 290],
  ['Sorong', -0.8762, 131.2558, 290],
  ['Tegal', -6.8694, 109.1402, 280],
  ['Pematangsiantar', 2.9595, 99.0687, 270],
  ['Banda Aceh', 5.5483, 95.3238, 260],
  ['Purwokerto', -7.4214, 109.2342, 250],
  ['Probolinggo', -7.7543, 113.2159, 240],
  ['Sidoarjo', -7.4478, 112.7183, 240],
  ['Lubuklinggau', -3.2967, 102.8617, 240],
  ['Tanjung Pinang', 0.9186, 104.4665, 230],
  ['Pangkal Pinang', -2.1291, 106.1138, 220],
  ['Pasuruan', -7.6453, 112.9075, 210],
  ['Madiun', -7.6298, 111.5239, 200],
  ['Gorontalo', 0.5435, 123.0568, 200],
  ['Ternate', 0.7906, 127.3842, 200],
  ['Salatiga', -7.3305, 110.5084, 195],
  ['Karawang', -6.3227, 107.3376, 180],
  ['Gresik', -7.1539, 112.6561, 150],
  ['Mojokerto', -7.4722, 112.4336, 140],
  ['Garut', -7.2279, 107.9087, 140],
  ['Magelang', -7.4797, 110.2177, 130],
  ['Banyuwangi', -8.2191, 114.3691, 120],
];

const EAST_JAVA = [
  'Surabaya',
  'Malang',
  'Sidoarjo',
  'Gresik',
  'Mojokerto',
  'Pasuruan',
  'Probolinggo',
  'Kediri',
  'Madiun',
  'Jember',
  'Banyuwangi',
];

interface Scale {
  towns: string[] | 'all';
  /** HiGHS model for the whole-command comparison: the MILP, or the flow LP (network matrix). */
  highsForm?: 'milp' | 'lp';
  outlets: number;
  products: number;
  /** Gaussian spread around a town: sigmaKm × sqrt(weight / 1000), at least minSigmaKm. */
  sigmaKm: number;
  minSigmaKm: number;
  highs: boolean;
  seed: number;
}

const SCALES: Record<string, Scale> = {
  regency: {
    towns: ['Bengkulu'],
    outlets: 173,
    products: 500,
    sigmaKm: 8,
    minSigmaKm: 5,
    highs: true,
    highsForm: 'milp',
    seed: 1,
  },
  province: {
    towns: EAST_JAVA,
    outlets: 5_000,
    products: 12_000,
    sigmaKm: 40,
    minSigmaKm: 16,
    highs: true,
    highsForm: 'lp',
    seed: 2,
  },
  national: {
    towns: 'all',
    outlets: 45_000,
    products: 100_000,
    sigmaKm: 22,
    minSigmaKm: 10,
    highs: false,
    seed: 3,
  },
};

/** mulberry32: tiny, fast, and identical on every platform, so instances are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateInstance(scale: Scale): PlacementInstance {
  const rand = rng(scale.seed);
  const gauss = (): number => {
    const u = 1 - rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const towns = TOWNS.filter(([name]) => scale.towns === 'all' || scale.towns.includes(name));
  const total = towns.reduce((s, t) => s + t[3], 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const t of towns) {
    acc += t[3] / total;
    cumulative.push(acc);
  }
  const pickTown = (): [string, number, number, number] => {
    const r = rand();
    const i = cumulative.findIndex((c) => r <= c);
    return towns[i < 0 ? towns.length - 1 : i]!;
  };
  const near = (): { lat: number; lon: number } => {
    const [, lat, lon, w] = pickTown();
    const sigma = Math.max(scale.minSigmaKm, scale.sigmaKm * Math.sqrt(w / 1000));
    const dLat = (gauss() * sigma) / 111.2;
    const dLon = (gauss() * sigma) / (111.2 * Math.cos((lat * Math.PI) / 180));
    return { lat: round6(lat + dLat), lon: round6(lon + dLon) };
  };
  const chain = (): string => {
    const r = rand();
    return r < 0.45 ? 'alfamart' : r < 0.9 ? 'indomaret' : 'alfamidi';
  };

  const outlets: Outlet[] = [];
  for (let i = 0; i < scale.outlets; i++) {
    outlets.push({
      id: `o${i}`,
      chain: chain(),
      ...near(),
      slots: int(2, 8),
      acceptsPerishable: rand() < 0.7,
    });
  }
  const umkm: Umkm[] = [];
  const products: Product[] = [];
  while (products.length < scale.products) {
    const u: Umkm = { id: `u${umkm.length}`, ...near(), maxOutlets: int(3, 40) };
    umkm.push(u);
    const k = Math.min(int(1, 5), scale.products - products.length);
    for (let j = 0; j < k; j++) {
      const chains = ['alfamart', 'indomaret', 'alfamidi'].filter(() => rand() < 0.6);
      products.push({
        id: `p${products.length}`,
        umkmId: u.id,
        radiusKm: int(10, 30),
        perishable: rand() < 0.2,
        maxOutlets: int(3, 40),
        weeklyUnits: Math.round(Math.exp(Math.log(5) + rand() * Math.log(40)) * 10) / 10,
        chains: chains.length > 0 ? chains : [chain()],
      });
    }
  }
  // Round-trip through the validator so the benchmark exercises the same path as `etalase plan`.
  return validateInstance(JSON.parse(JSON.stringify({ version: 1, params: { firstPlacementBonus: 25 }, outlets, umkm, products })));
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

async function runScale(name: string): Promise<void> {
  const scale = SCALES[name];
  if (!scale) throw new Error(`unknown scale ${name}`);
  let peakRss = process.memoryUsage().rss;
  const sample = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 100);
  const log = (m: string): void => {
    sample();
    process.stderr.write(`  [${name}] ${m} (rss ${mb(process.memoryUsage().rss)})\n`);
  };

  const tg = performance.now();
  const inst = generateInstance(scale);
  const genMs = performance.now() - tg;
  const tb = performance.now();
  const cpu0 = process.cpuUsage();
  const pairs = buildPairs(inst);
  const pairMs = performance.now() - tb;
  sample();
  log(`generated in ${Math.round(genMs)} ms; ${pairs.count} pairs in ${Math.round(pairMs)} ms`);
  if (pairsOnly) {
    clearInterval(timer);
    return;
  }
  // BENCH_ALPHA overrides the cost-scaling factor, for tuning only.
  const alpha = process.env.BENCH_ALPHA ? Number(process.env.BENCH_ALPHA) : undefined;
  const res = solvePlacement(inst, {
    pairs,
    onProgress: log,
    certificate: true,
    ...(alpha ? { alpha } : {}),
  });
  sample();
  // CPU time (user + system) next to wall time: the machine is shared, so wall time can include waiting.
  const cpuSolve = cpuMs(process.cpuUsage(cpu0));
  const cert = res.certificate!;
  const cpu1 = process.cpuUsage();
  const check = verifyCertificate(inst, res.placements, cert, { pairs });
  const cpuCheck = cpuMs(process.cpuUsage(cpu1));
  sample();
  log(`certificate checked in ${Math.round(check.ms)} ms`);
  const tgr = performance.now();
  const greedy = greedyPlacement(inst, pairs);
  const greedyMs = performance.now() - tgr;
  sample();
  clearInterval(timer);
  const osPeak = process.resourceUsage().maxRSS * 1024;

  // Whole commands, each in a fresh process: `etalase plan FILE` against HiGHS reading the same file.
  let wholeLines: string[] = [];
  if (scale.highs && !process.env.BENCH_NO_HIGHS) {
    const dir = mkdtempSync(path.join(tmpdir(), 'placement-bench-'));
    try {
      const file = path.join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(inst));
      const bin = path.join(ROOT, 'bin', 'etalase.mjs');
      const ours = timeCommand(process.execPath, [bin, 'plan', file]);
      // The app's own start-up (bin wrapper, tsx, src/cli.ts and what it imports), for reference.
      const startup = timeCommand(process.execPath, [bin, 'help']);
      const oursObjective = ours.ok ? (JSON.parse(ours.stdout) as { objective: number }).objective : Number.NaN;
      const form = scale.highsForm ?? 'lp';
      const ref = timeCommand(process.execPath, [...process.execArgv, SELF, '--highs-child', file, form]);
      const refOut = ref.ok ? (JSON.parse(ref.stdout) as HighsChildOutput) : undefined;
      const formName = form === 'milp' ? 'MILP' : 'flow LP (network matrix; the MILP is too slow at this size)';
      wholeLines = [
        `  whole command, ours    ${(ours.ms / 1000).toFixed(2)} s  (node bin/etalase.mjs plan FILE${ours.ok ? `, objective ${oursObjective.toFixed(4)}` : `: FAILED ${ours.error}`}; \`etalase help\` alone takes ${(startup.ms / 1000).toFixed(2)} s)`,
        `  whole command, HiGHS   ${(ref.ms / 1000).toFixed(2)} s  (HiGHS ${formName}${refOut ? `, ${refOut.status}, objective ${refOut.objective.toFixed(4)}, ours − HiGHS = ${(oursObjective - refOut.objective).toExponential(2)}, HiGHS process peak RSS ${mb(refOut.maxRss)}` : `: FAILED ${ref.error}`})`,
        `  HiGHS / ours           ${(ref.ms / ours.ms).toFixed(1)}× (whole commands, start-up included)`,
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const s = res.stats;
  const gap = ((res.objective - greedy.objective) / res.objective) * 100;
  const lines = [
    `${name}: ${s.outlets} outlets, ${s.umkm} UMKM, ${s.products} products`,
    `  pairs                 ${s.pairs}`,
    `  components            ${s.components} (largest ${s.largestComponentPairs} pairs, ${s.largestComponentNodes} nodes)`,
    `  build (pairs)         ${Math.round(pairMs)} ms`,
    `  split + solve         ${s.totalMs} ms (split ${s.buildMs} ms, flow ${s.solveMs} ms incl. ${Math.round(cert.exactPriceMs)} ms for exact prices)  [phases ${s.phases}, pushes ${s.pushes}, relabels ${s.relabels}, price ratio ${s.maxPriceRatio.toFixed(2)}]`,
    `  build + solve         ${Math.round(pairMs + s.totalMs)} ms (cpu ${Math.round(cpuSolve)} ms)`,
    check.ok
      ? `  certificate: ok (${check.arcsChecked} arcs checked, ${Math.round(check.ms)} ms; cpu ${Math.round(cpuCheck)} ms)`
      : `  certificate: FAILED (${check.arcsChecked} arcs checked):\n    ${check.failures.join('\n    ')}`,
    `  build + solve + check ${Math.round(pairMs + s.totalMs + check.ms)} ms`,
    `  peak RSS              ${mb(peakRss)} sampled, ${mb(osPeak)} OS high-water mark (whole process so far: generation, solve, check, greedy)`,
    `  objective             ${res.objective.toFixed(4)} (${s.placements} placements, ${s.placedUmkm} UMKM placed, rounding tolerance ${s.roundingToleranceAbs.toExponential(2)}; checker recomputed ${check.objective.toFixed(4)}, tolerance ${check.roundingToleranceAbs.toExponential(2)})`,
    `  greedy objective      ${greedy.objective.toFixed(4)} (${Math.round(greedyMs)} ms), gap ${gap.toFixed(3)} %`,
    ...(wholeLines.length > 0 ? wholeLines : ['  HiGHS                  not run']),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!check.ok || Math.abs(check.objective - res.objective) > 1e-6 * Math.max(1, Math.abs(res.objective))) {
    process.stderr.write(`placement bench: optimality certificate FAILED for ${name}\n`);
    process.exit(1);
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

interface HighsChildOutput {
  status: string;
  objective: number;
  maxRss: number;
}

/** Runs a command to completion and times it from spawn to exit (wall clock). */
function timeCommand(cmd: string, args: string[]): { ms: number; ok: boolean; stdout: string; error: string } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t;
  const ok = r.status === 0;
  return { ms, ok, stdout: r.stdout ?? '', error: ok ? '' : `exit ${r.status}: ${(r.stderr ?? '').slice(-500)}` };
}

/** Child mode: the reference run as its own command — read, validate, pair, solve with HiGHS. */
async function highsChild(file: string, form: 'milp' | 'lp'): Promise<void> {
  const inst = validateInstance(JSON.parse(readFileSync(file, 'utf8')));
  const pairs = buildPairs(inst);
  const highs = (await loadHighs()) as unknown as HighsLike;
  const ref = solveWithHighs(highs, inst, pairs, form, { time_limit: 1200 });
  const out: HighsChildOutput = {
    status: ref.status,
    objective: ref.objective,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// --pairs-only stops after pair generation (used to tune the generator's density).
const pairsOnly = process.argv.includes('--pairs-only');
const arg = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'all';
const childAt = process.argv.indexOf('--highs-child');
const writeAt = process.argv.indexOf('--write-instance');
if (writeAt >= 0) {
  // Writes the scale's instance as JSON, to rerun either whole command by hand.
  const scale = SCALES[arg];
  if (!scale) throw new Error(`unknown scale ${arg}`);
  writeFileSync(process.argv[writeAt + 1]!, JSON.stringify(generateInstance(scale)));
} else if (childAt >= 0) {
  await highsChild(process.argv[childAt + 1]!, process.argv[childAt + 2] === 'milp' ? 'milp' : 'lp');
} else if (arg === 'all') {
  // One child per scale so each reports its own peak memory rather than the largest so far.
  for (const name of Object.keys(SCALES)) {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, name, ...(pairsOnly ? ['--pairs-only'] : [])], {
      stdio: 'inherit',
    });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
} else {
  await runScale(arg);
}
