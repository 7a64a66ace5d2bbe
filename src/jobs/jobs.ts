// Background jobs in the same database (GUIDE: "a jobs table, a small runner, progress stored per job").
// A request enqueues a job inside its own transaction; once that transaction has committed, the runner of
// the process is kicked and runs queued jobs one at a time, each step in its own short transaction, so
// that other requests (and the UI polling progress) are served in between — on PGlite there is a single
// connection, and a long transaction would block every request behind it.
import { sql } from 'kysely';
import type { Database } from '../db/client.ts';

export interface JobContext {
  id: string;
  payload: Record<string, unknown>;
  /** The outer handle (never a transaction): a handler opens its own short transactions with it. */
  db: Database;
  /** Stores progress 0–100 in its own statement, visible to pollers at once. */
  progress(percent: number): Promise<void>;
}

export type JobHandler = (job: JobContext) => Promise<void>;

const handlers = new Map<string, JobHandler>();

/** One handler per job kind, registered by the module that owns the kind at import time. */
export function registerJobHandler(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}

/** Inserts a queued job with the caller's handle (the request's transaction): it exists only if that commits. */
export async function enqueueJob(db: Database, kind: string, payload: Record<string, unknown>): Promise<string> {
  const row = await db
    .insertInto('jobs')
    .values({ kind, payload: JSON.stringify(payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** On the embedded database only one process can open the data directory, so when it opens every job
 *  still marked `running` belonged to a process that died (a SIGKILL, a power cut): each is queued again at
 *  once (its handler is written to run again safely), instead of waiting out STALE_MINUTES. Returns how
 *  many. Never call this where other processes may share the database (PostgreSQL). */
export async function requeueInterrupted(db: Database): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'queued', updated_at: sql`now()` })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A job left `running` longer than this belongs to a process that died: it is queued again. */
const STALE_MINUTES = 15;
const MAX_ATTEMPTS = 3;

/** Takes the oldest queued job, marking it running; SKIP LOCKED lets several server processes share the table. */
async function claim(db: Database): Promise<{ id: string; kind: string; payload: Record<string, unknown> } | null> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('jobs')
      .set({ status: 'queued', updated_at: sql`now()` })
      .where('status', '=', 'running')
      .where('updated_at', '<', sql<Date>`now() - make_interval(mins => ${STALE_MINUTES})`)
      .execute();
    const next = await trx
      .selectFrom('jobs')
      .select(['id', 'kind', 'payload', 'attempts'])
      .where('status', '=', 'queued')
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return null;
    if (next.attempts >= MAX_ATTEMPTS) {
      await trx
        .updateTable('jobs')
        .set({ status: 'failed', error: 'too many attempts', finished_at: sql`now()`, updated_at: sql`now()` })
        .where('id', '=', next.id)
        .execute();
      return { id: next.id, kind: '', payload: next.payload };
    }
    await trx
      .updateTable('jobs')
      .set({ status: 'running', attempts: next.attempts + 1, started_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', next.id)
      .execute();
    return { id: next.id, kind: next.kind, payload: next.payload };
  });
}

async function finish(db: Database, id: string, error: string | null) {
  await db
    .updateTable('jobs')
    .set({
      status: error ? 'failed' : 'done',
      progress: error ? sql<number>`progress` : 100,
      error,
      finished_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export interface JobRunner {
  /** Runs queued jobs until none is left; a kick while running makes it look again afterwards. */
  kick(): void;
  /** Resolves when the runner has nothing in hand (tests and shutdown wait for it). */
  idle(): Promise<void>;
  /** No new jobs are started after this; the one in hand finishes. */
  stop(): Promise<void>;
}

export function createJobRunner(db: Database, log: (msg: string, err?: unknown) => void = () => {}): JobRunner {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const loop = async () => {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const job = await claim(db);
        if (!job) break;
        const handler = handlers.get(job.kind);
        if (!handler) {
          if (job.kind) await finish(db, job.id, `no handler for job kind ${job.kind}`);
          continue;
        }
        try {
          await handler({
            id: job.id,
            payload: job.payload,
            db,
            progress: async (p) => {
              await db
                .updateTable('jobs')
                .set({ progress: Math.max(0, Math.min(100, Math.round(p))), updated_at: sql`now()` })
                .where('id', '=', job.id)
                .execute();
            },
          });
          await finish(db, job.id, null);
        } catch (e) {
          log(`job ${job.id} (${job.kind}) failed`, e);
          await finish(db, job.id, e instanceof Error ? e.message : String(e)).catch((e2) => log('job finish failed', e2));
        }
      }
    } while (again && !stopped);
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop()
      .catch((e) => log('job runner failed', e))
      .finally(() => {
        running = null;
        // A kick that arrived after the loop's last look must not be lost.
        if (again && !stopped) {
          again = false;
          kick();
        }
      });
  };

  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      while (running) await running;
    },
  };
}
