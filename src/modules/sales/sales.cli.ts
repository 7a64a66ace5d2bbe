// `etalase import-sales --chain CODE [--correction] FILE`: imports a POS file (format v1, docs/POS.md) for a
// chain and prints the import's JSON on stdout. Exit codes: 0 the file was read, 2 refused or bad arguments.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client.ts';
import { importFile } from './sales.service.ts';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = 'usage: etalase import-sales --chain CODE [--correction] FILE\n';

export function parseImportArgs(args: string[]): { chain: string; correction: boolean; file: string } | null {
  let chain: string | undefined;
  let correction = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--chain') chain = args[++i];
    else if (a.startsWith('--chain=')) chain = a.slice('--chain='.length);
    else if (a === '--correction') correction = true;
    else if (a.startsWith('--')) return null;
    else files.push(a);
  }
  if (!chain || files.length !== 1) return null;
  return { chain: chain.toLowerCase(), correction, file: files[0] as string };
}

export async function runImportSalesCommand(db: Database, args: string[], io: CommandIo): Promise<number> {
  const a = parseImportArgs(args);
  if (!a) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (!fs.existsSync(a.file) || !fs.statSync(a.file).isFile()) {
    io.stderr.write(`import-sales: cannot read ${a.file}: no such file\n`);
    return 2;
  }
  const chain = await db
    .selectFrom('organizations')
    .select('id')
    .where('kind', '=', 'chain')
    .where('chain_code', '=', a.chain as 'alfamart')
    .executeTakeFirst();
  if (!chain) {
    io.stderr.write(`import-sales: unknown chain ${a.chain}\n`);
    return 2;
  }
  const r = await importFile(
    db,
    { chainId: chain.id, source: 'cli', fileName: path.basename(a.file), correction: a.correction, createdBy: null },
    a.file,
  );
  io.stdout.write(`${JSON.stringify(r.summary)}\n`);
  return r.status === 'refused' ? 2 : 0;
}
