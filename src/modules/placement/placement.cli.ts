// `etalase plan FILE`: reads a placement instance (format v1), solves it exactly and prints the
// result JSON on stdout. Exit codes: 0 solved, 2 unusable input (unreadable, not JSON, invalid).

import { readFile } from 'node:fs/promises';
import { solvePlacement } from './placement.rules.ts';
import { PlacementValidationError, validateInstance } from './placement.validate.ts';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = 'usage: etalase plan INSTANCE.json\n';
// Below this many records progress lines would only be noise.
const PROGRESS_THRESHOLD = 2_000;

export async function runPlanCommand(args: string[], io: CommandIo): Promise<number> {
  const file = args[0];
  if (file === undefined || file === '' || args.length > 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.stderr.write(`plan: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    io.stderr.write(`plan: ${file} is not valid JSON: ${(err as Error).message}\n`);
    return 2;
  }
  let instance: ReturnType<typeof validateInstance>;
  try {
    instance = validateInstance(json);
  } catch (err) {
    if (err instanceof PlacementValidationError) {
      io.stderr.write(`plan: invalid instance ${file}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const size = instance.outlets.length + instance.products.length;
  const verbose = size >= PROGRESS_THRESHOLD;
  if (verbose) {
    io.stderr.write(`plan: ${instance.outlets.length} outlets, ${instance.umkm.length} UMKM, ${instance.products.length} products\n`);
  }
  const result = solvePlacement(instance, verbose ? { onProgress: (m) => io.stderr.write(`plan: ${m}\n`) } : {});
  if (verbose) {
    io.stderr.write(
      `plan: objective ${result.objective.toFixed(3)} with ${result.stats.placements} placements in ${result.stats.totalMs} ms\n`,
    );
  }
  await writeAll(io.stdout, `${JSON.stringify(result)}\n`);
  return 0;
}

/** Waits for the write to be flushed so a caller that exits right after loses no output. */
function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
