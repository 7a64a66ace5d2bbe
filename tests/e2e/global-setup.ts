// Seeds the browser tests' demo once per run (tests/e2e/template.ts) and hands every test file the path of
// the file that names it; removes the template at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { readTemplate, seedTemplate } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A JSON file naming the run's demo template ({dir, today}); rewritten when the WIB day changes. */
    e2eTemplateFile: string;
  }
}

export default async function setup(project: TestProject) {
  const started = performance.now();
  const template = await seedTemplate();
  const file = path.join(os.tmpdir(), `etalase-e2e-template-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(template));
  process.stderr.write(`e2e: demo seeded for ${template.today} in ${Math.round(performance.now() - started)} ms (${template.dir})\n`);
  project.provide('e2eTemplateFile', file);
  return () => {
    // The template in use now (a run across midnight WIB reseeded it).
    fs.rmSync(readTemplate(file).dir, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
  };
}
