// replaced by the ops branch at merge
// The POS import (src/modules/sales) calls this in the import's own transaction, after its lines are stored.
import type { Database } from '../../db/client.ts';

export async function applySalesToStock(_db: Database, _importId: string): Promise<{ variances: number }> {
  return { variances: 0 };
}
