// Tests of `etalase plan FILE` through runPlanCommand: output JSON, exit codes, error messages.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlanCommand } from './placement.cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'etalase-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function run(content: string | null): Promise<{ code: number; out: string; err: string }> {
  const file = join(dir, `i${Math.random().toString(36).slice(2)}.json`);
  if (content !== null) writeFileSync(file, content);
  const out = sink();
  const err = sink();
  const code = await runPlanCommand([file], { stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}

const example = {
  version: 1,
  params: { firstPlacementBonus: 25 },
  outlets: [{ id: 'o1', chain: 'alfamart', lat: -3.8, lon: 102.27, slots: 6, acceptsPerishable: true }],
  umkm: [{ id: 'u1', lat: -3.79, lon: 102.26, maxOutlets: 12 }],
  products: [
    {
      id: 'p1',
      umkmId: 'u1',
      radiusKm: 15,
      perishable: false,
      maxOutlets: 8,
      weeklyUnits: 20.5,
      chains: ['alfamart', 'indomaret'],
    },
  ],
};

describe('runPlanCommand', () => {
  it('prints the plan as JSON and exits 0', async () => {
    const r = await run(JSON.stringify(example));
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.placements).toEqual([{ productId: 'p1', outletId: 'o1' }]);
    expect(res.objective).toBeGreaterThan(25 + 20.5 / 2);
    expect(res.stats).toMatchObject({ outlets: 1, umkm: 1, products: 1, pairs: 1, components: 1 });
  });

  it('exits 2 naming the record and field on a validation error', async () => {
    const bad = { ...example, products: [{ ...example.products[0], umkmId: 'u77' }] };
    const r = await run(JSON.stringify(bad));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('products[0] (id "p1"): umkmId "u77" is not a known UMKM');
  });

  it('exits 2 on malformed JSON and on a missing file', async () => {
    const a = await run('{"version": 1,');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/not valid JSON/);
    const b = await run(null);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/cannot read .*no such file/);
  });

  it('exits 2 with usage when no file is given', async () => {
    const err = sink();
    expect(await runPlanCommand([], { stdout: sink().stream, stderr: err.stream })).toBe(2);
    expect(err.text()).toMatch(/usage/);
  });
});
