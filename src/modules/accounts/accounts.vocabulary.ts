// Words of the accounts module: the roles people sign in as.

export const role = {
  admin: { id: 'Administrator', en: 'Administrator' },
  pemda: { id: 'Dinas (pemerintah daerah)', en: 'Dinas (local government)' },
  retailer: { id: 'Peritel', en: 'Retailer' },
  umkm: { id: 'Pelaku UMKM', en: 'UMKM owner' },
  mentor: { id: 'Pendamping', en: 'Mentor' },
} satisfies Record<string, { id: string; en: string }>;

export const userStatus = {
  active: { id: 'Aktif', en: 'Active' },
  disabled: { id: 'Nonaktif', en: 'Disabled' },
} satisfies Record<string, { id: string; en: string }>;
