// Entry of the placement worker thread: plain JavaScript, so it can install the TypeScript loader (tsx)
// inside the worker before loading the solver, whatever loader the parent thread was started with.
import { register } from 'tsx/esm/api';

register();
await import('./placement.worker.ts');
