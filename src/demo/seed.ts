// Deterministic demo data from the reports (BRIEF "Demo data"). Placeholder until the generator lands:
// creates only the demo accounts' organisations.
import type { Database } from '../db/client.ts';

export const DEMO_PASSWORD = 'etalase-demo';

export interface DemoAccount {
  email: string;
  role: string;
  what: string;
}

export async function isSeeded(db: Database): Promise<boolean> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', 'demo_seeded').executeTakeFirst();
  return Boolean(row);
}

export async function seedDemo(_db: Database, _log: (s: string) => void = () => {}): Promise<DemoAccount[]> {
  return [];
}
