// Vite build of the web app (src/web → dist/web), with a phone budget: the JavaScript a UMKM owner's
// phone must download for the pages it uses (home, its products) stays under 150 KB gzipped. The sign-in page
// is the server's (src/platform/page/login.tsx) and needs none of it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The UMKM pages are the entry and its static imports; everything heavy is behind a dynamic import.
 *  ETALASE_JS_BUDGET_KB lowers the limit (to see the check fail, or to tighten it). */
export const UMKM_BUDGET_BYTES = Number(process.env.ETALASE_JS_BUDGET_KB ?? 150) * 1024;

interface ChunkFacts {
  fileName: string;
  gzip: number;
  raw: number;
  isEntry: boolean;
  imports: string[];
}

/** Closure of an entry over static imports: what the browser loads before any lazy page is asked for. */
export function staticClosure(chunks: Map<string, ChunkFacts>, entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const f = stack.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const i of chunks.get(f)?.imports ?? []) stack.push(i);
  }
  return seen;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function phoneBudget(limit = UMKM_BUDGET_BYTES): Plugin {
  const chunks = new Map<string, ChunkFacts>();
  return {
    name: 'etalase-phone-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      chunks.clear();
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        chunks.set(item.fileName, {
          fileName: item.fileName,
          raw: Buffer.byteLength(item.code),
          gzip: gzipSync(item.code, { level: 9 }).length,
          isEntry: item.isEntry,
          imports: item.imports,
        });
      }
    },
    closeBundle() {
      if (chunks.size === 0) return;
      const entry = [...chunks.values()].find((c) => c.isEntry);
      if (!entry) throw new Error('phone budget: no entry chunk');
      const umkmPath = staticClosure(chunks, entry.fileName);
      const rows = [...chunks.values()].sort((a, b) => b.gzip - a.gzip);
      const width = Math.max(...rows.map((r) => r.fileName.length));
      const lines = rows.map(
        (r) =>
          `  ${umkmPath.has(r.fileName) ? '*' : ' '} ${r.fileName.padEnd(width)}  ${kb(r.raw).padStart(10)}  ${kb(r.gzip).padStart(9)} gz`,
      );
      const total = rows.filter((r) => umkmPath.has(r.fileName)).reduce((s, r) => s + r.gzip, 0);
      const all = rows.reduce((s, r) => s + r.gzip, 0);
      process.stdout.write(
        `\nJS chunks (gzip -9; * = loaded on the UMKM path: entry + its static imports)\n${lines.join('\n')}\n` +
          `  UMKM path total: ${kb(total)} gz of ${kb(limit)} budget; all chunks: ${kb(all)} gz\n\n`,
      );
      if (total > limit) {
        throw new Error(`phone budget exceeded: the UMKM path loads ${kb(total)} of gzipped JavaScript (limit ${kb(limit)})`);
      }
    },
  };
}

export default defineConfig({
  root: path.join(here, 'src/web'),
  base: '/',
  plugins: [react(), phoneBudget()],
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Budget checked above with a real gzip; Vite's own warning threshold is for raw size.
    chunkSizeWarningLimit: 600,
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev:web` against a server started with PORT=3200 (or ETALASE_API); /login (and /login.js) is
    // the server's page.
    proxy: Object.fromEntries(['/api', '/login'].map((p) => [p, process.env.ETALASE_API ?? 'http://localhost:3200'])),
  },
});
