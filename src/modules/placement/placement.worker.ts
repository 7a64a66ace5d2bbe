// Solves a placement instance on a worker thread. A national plan is ~25 s of CPU: on the server's own
// thread every other request (and the UI polling the plan's progress) would wait for it.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { solvePlacement } from './placement.rules.ts';
import type { PlacementInstance, PlacementResult } from './placement.types.ts';

/** Runs solvePlacement in a worker; `onProgress` receives the solver's progress lines. */
export function solveOnWorker(instance: PlacementInstance, onProgress?: (message: string) => void): Promise<PlacementResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./placement.worker-entry.mjs', import.meta.url), { workerData: { instance }, execArgv: [] });
    let settled = false;
    worker.on('message', (m: { type: 'progress'; message: string } | { type: 'done'; result: PlacementResult }) => {
      if (m.type === 'progress') onProgress?.(m.message);
      else {
        settled = true;
        resolve(m.result);
      }
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`placement worker exited with code ${code}`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as { instance?: PlacementInstance } | null)?.instance) {
  const port = parentPort;
  const result = solvePlacement((workerData as { instance: PlacementInstance }).instance, {
    onProgress: (message) => port.postMessage({ type: 'progress', message }),
  });
  port.postMessage({ type: 'done', result });
}
