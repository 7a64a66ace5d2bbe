// Codes of the accounts module, with their labels (gathered in src/vocabulary.ts).
import type { Bilingual } from '../../platform/errors.ts';
import type { ROLES } from './accounts.schemas.ts';

const role: Record<(typeof ROLES)[number], Bilingual> = {
  admin: { id: 'Administrator', en: 'Administrator' },
  pemda: { id: 'Pemerintah daerah (Dinas)', en: 'Local government (Dinas)' },
  retailer: { id: 'Peritel', en: 'Retailer' },
  umkm: { id: 'Pelaku UMKM', en: 'UMKM owner' },
  mentor: { id: 'Pendamping', en: 'Mentor' },
  bank: { id: 'Bank (pembiayaan)', en: 'Bank (financing)' },
};

export const ACCOUNTS_VOCABULARY = { role };
