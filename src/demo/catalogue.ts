// What the demo's businesses make and who runs them, per region: product families (a business makes
// 2–3 variants of one family), owner names and business-name words. The products are the regions' real
// specialities named in the reports (emping melinjo, sate bandeng, terasi Tulung Selapan, gula puan,
// kopi Mamasa, minyak Mandar, kue tat, kacang botol …); brands, owners and numbers are invented.
import type { Category } from '../modules/registry/registry.rules.ts';

export type NetUnit = 'g' | 'kg' | 'ml' | 'l' | 'pcs';

export interface Variant {
  name: string;
  net: [number, NetUnit];
  /** Shelf price range in rupiah; the supplier price is derived from it. */
  retail: [number, number];
}

export interface Family {
  /** Words that start the business's name ("Emping Melinjo Bu Siti"). */
  label: string;
  category: Category;
  /** Wet food (makanan basah) keeps 2–5 days; dry food 90–365. */
  wet: boolean;
  shelf: [number, number];
  storage: 'ambient' | 'chilled';
  /** false for things that are not food: no P-IRT, BPOM MD or halal food certificate. */
  food: boolean;
  /** How common the family is among the region's businesses. */
  weight: number;
  /** Only in these regencies (Sulbar: kopi from Mamasa, jepa from Mandar country); all when absent. */
  regencies?: string[];
  /** Districts where the family is three times as common (bandeng and fish along Serang's coast). */
  boost?: string[];
  variants: Variant[];
}

const v = (name: string, amount: number, unit: NetUnit, lo: number, hi: number): Variant => ({
  name,
  net: [amount, unit],
  retail: [lo, hi],
});

const dry = (label: string, category: Category, weight: number, variants: Variant[], extra: Partial<Family> = {}): Family => ({
  label,
  category,
  wet: false,
  shelf: [90, 365],
  storage: 'ambient',
  food: true,
  weight,
  variants,
  ...extra,
});

const wet = (
  label: string,
  category: Category,
  weight: number,
  storage: 'ambient' | 'chilled',
  variants: Variant[],
  extra: Partial<Family> = {},
): Family => ({ label, category, wet: true, shelf: [2, 5], storage, food: true, weight, variants, ...extra });

export type Region = 'serang' | 'oki' | 'sulbar' | 'bengkulu' | 'ambon';

export const FAMILIES: Record<Region, Family[]> = {
  // Kabupaten Serang: "mostly traditional food, wet and dry" (375 UMKM).
  serang: [
    dry(
      'Emping Melinjo',
      'makanan_ringan',
      14,
      [
        v('Emping Melinjo Original', 250, 'g', 22000, 30000),
        v('Emping Melinjo Pedas Manis', 200, 'g', 20000, 27000),
        v('Emping Melinjo Super Tipis', 500, 'g', 45000, 60000),
        v('Emping Melinjo Balado', 200, 'g', 20000, 27000),
      ],
      { boost: ['Baros', 'Ciomas', 'Padarincang', 'Pabuaran', 'Mancak'] },
    ),
    wet('Kue Jojorong', 'kue_basah', 8, 'ambient', [
      v('Kue Jojorong Gula Aren', 6, 'pcs', 10000, 14000),
      v('Kue Jojorong Pandan', 6, 'pcs', 10000, 14000),
      v('Kue Jojorong Isi 10', 10, 'pcs', 16000, 22000),
    ]),
    wet(
      'Sate Bandeng',
      'olahan_ikan_daging',
      9,
      'chilled',
      [
        v('Sate Bandeng Original', 1, 'pcs', 38000, 50000),
        v('Sate Bandeng Pedas', 1, 'pcs', 40000, 52000),
        v('Bandeng Presto Duri Lunak', 2, 'pcs', 35000, 45000),
      ],
      { boost: ['Pontang', 'Tirtayasa', 'Tanara', 'Kramatwatu'] },
    ),
    dry('Kerupuk', 'makanan_ringan', 10, [
      v('Kerupuk Ikan Tenggiri', 250, 'g', 18000, 25000),
      v('Kerupuk Udang Mentah', 200, 'g', 20000, 28000),
      v('Kerupuk Kulit Sapi', 150, 'g', 22000, 30000),
      v('Kerupuk Bawang', 250, 'g', 9000, 13000),
    ]),
    dry('Gipang', 'makanan_ringan', 6, [
      v('Gipang Ketan Gula Merah', 200, 'g', 10000, 14000),
      v('Gipang Wijen', 200, 'g', 12000, 16000),
      v('Gipang Kacang', 250, 'g', 12000, 17000),
    ]),
    dry('Rengginang', 'makanan_ringan', 7, [
      v('Rengginang Ketan Mentah', 500, 'g', 22000, 30000),
      v('Rengginang Terasi', 250, 'g', 13000, 18000),
      v('Rengginang Matang Gurih', 200, 'g', 12000, 16000),
    ]),
    wet(
      'Otak-Otak',
      'olahan_ikan_daging',
      7,
      'chilled',
      [
        v('Otak-Otak Bandeng', 10, 'pcs', 20000, 28000),
        v('Otak-Otak Ikan Tenggiri', 10, 'pcs', 25000, 33000),
        v('Otak-Otak Bakar Sambal Kacang', 10, 'pcs', 22000, 30000),
      ],
      { boost: ['Anyar', 'Cinangka', 'Pontang'] },
    ),
    dry(
      'Bontot',
      'olahan_ikan_daging',
      6,
      [
        v('Bontot Ikan Tenggiri Mentah', 250, 'g', 22000, 30000),
        v('Bontot Goreng Siap Santap', 150, 'g', 15000, 20000),
        v('Bontot Ikan Remang', 250, 'g', 18000, 25000),
      ],
      { boost: ['Tirtayasa', 'Pontang', 'Tanara'] },
    ),
    dry('Jahe Merah', 'madu_herbal', 6, [
      v('Jahe Merah Instan', 250, 'g', 20000, 28000),
      v('Wedang Jahe Merah Sachet', 10, 'pcs', 15000, 20000),
      v('Jahe Merah Gula Aren', 200, 'g', 18000, 25000),
    ]),
    dry('Kopi', 'kopi_teh', 5, [
      v('Kopi Bubuk Robusta', 250, 'g', 25000, 35000),
      v('Kopi Jahe Sachet', 10, 'pcs', 12000, 17000),
      v('Kopi Biji Sangrai', 250, 'g', 35000, 48000),
    ]),
    dry(
      'Sambal',
      'bumbu_sambal',
      5,
      [
        v('Sambal Bandeng Pedas', 200, 'g', 25000, 32000),
        v('Sambal Terasi Banten', 150, 'g', 18000, 24000),
        v('Sambal Cumi Asin', 150, 'g', 28000, 36000),
      ],
      { shelf: [90, 180] },
    ),
    wet(
      'Kue Basah',
      'kue_basah',
      6,
      'ambient',
      [
        v('Kue Cucur Gula Merah', 6, 'pcs', 9000, 12000),
        v('Apem Putih', 8, 'pcs', 9000, 12000),
        v('Bugis Ketan Hitam', 6, 'pcs', 10000, 13000),
        v('Lapis Legit Pandan', 1, 'pcs', 30000, 40000),
      ],
      { shelf: [2, 3] },
    ),
    dry('Keripik', 'makanan_ringan', 6, [
      v('Keripik Singkong Balado', 250, 'g', 12000, 17000),
      v('Keripik Pisang Manis', 250, 'g', 13000, 18000),
      v('Keripik Talas', 200, 'g', 14000, 19000),
    ]),
    dry(
      'Ikan Asin',
      'olahan_ikan_daging',
      5,
      [
        v('Ikan Asin Teri Jengki', 250, 'g', 25000, 33000),
        v('Cumi Asin', 250, 'g', 40000, 55000),
        v('Ikan Asin Japuh', 250, 'g', 20000, 27000),
      ],
      { shelf: [90, 150], boost: ['Anyar', 'Cinangka', 'Bojonegara', 'Pulo Ampel'] },
    ),
  ],
  // OKI: the 14 selected UMKM — beras, gula puan, terasi Tulung Selapan, kerupuk kemplang and others.
  oki: [
    dry(
      'Terasi Udang Tulung Selapan',
      'bumbu_sambal',
      3,
      [
        v('Terasi Udang Tulung Selapan', 250, 'g', 18000, 25000),
        v('Terasi Udang Bakar Siap Pakai', 100, 'g', 12000, 16000),
        v('Terasi Blok Super', 500, 'g', 32000, 42000),
      ],
      { shelf: [180, 365] },
    ),
    dry(
      'Beras',
      'beras_serealia',
      2,
      [
        v('Beras Premium Pulen', 5, 'kg', 68000, 76000),
        v('Beras Premium Pulen', 2.5, 'kg', 35000, 40000),
        v('Beras Merah Organik', 1, 'kg', 22000, 28000),
      ],
      { shelf: [180, 365] },
    ),
    dry(
      'Gula Puan',
      'olahan_susu',
      2,
      [v('Gula Puan Susu Kerbau Pampangan', 250, 'g', 35000, 45000), v('Gula Puan Kemasan Kecil', 100, 'g', 16000, 21000)],
      { shelf: [90, 120] },
    ),
    dry('Kerupuk Kemplang', 'makanan_ringan', 3, [
      v('Kerupuk Kemplang Panggang Ikan Gabus', 250, 'g', 25000, 33000),
      v('Kemplang Tunu Pedas', 200, 'g', 20000, 27000),
      v('Kerupuk Kemplang Goreng', 250, 'g', 22000, 30000),
    ]),
    dry(
      'Bumbu Pindang',
      'bumbu_sambal',
      1,
      [v('Bumbu Pindang Patin Instan', 100, 'g', 12000, 16000), v('Bumbu Pindang Tulang Sapi', 100, 'g', 13000, 17000)],
      { shelf: [120, 240] },
    ),
    dry(
      'Ikan Salai',
      'olahan_ikan_daging',
      1,
      [v('Ikan Salai Baung', 250, 'g', 45000, 60000), v('Ikan Salai Selais', 200, 'g', 40000, 55000)],
      { shelf: [90, 120] },
    ),
    dry('Kopi', 'kopi_teh', 1, [
      v('Kopi Bubuk Robusta Komering', 200, 'g', 22000, 30000),
      v('Kopi Bubuk Campur Jagung', 250, 'g', 15000, 20000),
    ]),
  ],
  // Sulawesi Barat: products to curate in the six regencies.
  sulbar: [
    wet(
      'Jepa',
      'kue_basah',
      5,
      'ambient',
      [
        v('Jepa Singkong Mandar', 5, 'pcs', 10000, 14000),
        v('Jepa Kelapa Gula Merah', 5, 'pcs', 12000, 16000),
        v('Jepa Isi Ikan Tuing-Tuing', 4, 'pcs', 15000, 20000),
      ],
      { regencies: ['76.04', '76.05', '76.02'] },
    ),
    dry(
      'Minyak Mandar',
      'lainnya',
      5,
      [
        v('Minyak Kelapa Mandar', 600, 'ml', 30000, 40000),
        v('Minyak Kelapa Mandar', 1, 'l', 48000, 60000),
        v('Minyak Kelapa Murni (VCO) Mandar', 250, 'ml', 35000, 45000),
      ],
      { regencies: ['76.04', '76.05'], shelf: [180, 365] },
    ),
    dry(
      'Kopi Mamasa',
      'kopi_teh',
      8,
      [
        v('Kopi Arabika Mamasa Bubuk', 200, 'g', 40000, 55000),
        v('Kopi Robusta Mamasa Bubuk', 200, 'g', 28000, 38000),
        v('Kopi Arabika Mamasa Biji Sangrai', 250, 'g', 55000, 65000),
      ],
      { regencies: ['76.03'] },
    ),
    dry('Pisang Sale', 'makanan_ringan', 4, [
      v('Pisang Sale Kering', 250, 'g', 18000, 24000),
      v('Pisang Sale Goreng Crispy', 200, 'g', 18000, 24000),
      v('Keripik Pisang Kepok', 200, 'g', 13000, 18000),
    ]),
    dry('Dodol', 'makanan_ringan', 3, [
      v('Dodol Pisang', 250, 'g', 18000, 24000),
      v('Dodol Ketan Gula Aren', 250, 'g', 20000, 26000),
      v('Golla Kambu', 200, 'g', 20000, 27000),
    ]),
    dry(
      'Bawang Goreng',
      'bumbu_sambal',
      4,
      [
        v('Bawang Goreng Original', 100, 'g', 20000, 26000),
        v('Bawang Goreng Original', 250, 'g', 45000, 58000),
        v('Bawang Goreng Pedas', 100, 'g', 21000, 27000),
      ],
      { shelf: [120, 240] },
    ),
    wet(
      'Ikan Terbang Asap',
      'olahan_ikan_daging',
      3,
      'chilled',
      [
        v('Ikan Terbang Asap', 5, 'pcs', 30000, 40000),
        v('Ikan Cakalang Asap', 1, 'pcs', 35000, 45000),
        v('Ikan Tuing-Tuing Asap', 10, 'pcs', 28000, 36000),
      ],
      { regencies: ['76.02', '76.05', '76.01', '76.06'] },
    ),
    dry(
      'Madu Hutan',
      'madu_herbal',
      3,
      [
        v('Madu Hutan Kalumpang', 250, 'ml', 50000, 65000),
        v('Madu Hutan', 500, 'ml', 85000, 110000),
        v('Madu Kelulut', 150, 'ml', 55000, 65000),
      ],
      { shelf: [365, 365] },
    ),
    dry('Keripik Sukun', 'makanan_ringan', 2, [
      v('Keripik Sukun Original', 200, 'g', 14000, 19000),
      v('Keripik Sukun Balado', 200, 'g', 14000, 19000),
      v('Keripik Talas Pedas', 200, 'g', 13000, 18000),
    ]),
  ],
  // Kota Bengkulu.
  bengkulu: [
    wet(
      'Kue Tat',
      'kue_basah',
      4,
      'ambient',
      [
        v('Kue Tat Nanas', 1, 'pcs', 45000, 60000),
        v('Kue Tat Nanas Mini', 6, 'pcs', 25000, 33000),
        v('Kue Bay Tat', 1, 'pcs', 50000, 65000),
      ],
      { shelf: [4, 5] },
    ),
    dry(
      'Lempuk Durian',
      'makanan_ringan',
      4,
      [
        v('Lempuk Durian Asli', 250, 'g', 40000, 55000),
        v('Lempuk Durian Gulung', 200, 'g', 35000, 45000),
        v('Dodol Durian', 250, 'g', 30000, 40000),
      ],
      { shelf: [90, 120] },
    ),
    wet(
      'Bagar Hiu',
      'olahan_ikan_daging',
      2,
      'chilled',
      [
        v('Bagar Hiu Siap Saji', 300, 'g', 45000, 60000),
        v('Pendap Ikan', 2, 'pcs', 30000, 40000),
        v('Gulai Ikan Siap Saji', 300, 'g', 35000, 45000),
      ],
      { shelf: [3, 4] },
    ),
    dry('Kopi Bengkulu', 'kopi_teh', 4, [
      v('Kopi Robusta Bengkulu Bubuk', 200, 'g', 28000, 38000),
      v('Kopi Robusta Bengkulu Biji Sangrai', 250, 'g', 40000, 52000),
      v('Kopi Bunga Kopi', 10, 'pcs', 18000, 24000),
    ]),
    dry(
      'Sirup Kalamansi',
      'minuman',
      3,
      [
        v('Sirup Kalamansi', 620, 'ml', 30000, 40000),
        v('Sirup Kalamansi', 330, 'ml', 18000, 25000),
        v('Selai Kalamansi', 200, 'g', 22000, 28000),
      ],
      { shelf: [180, 365] },
    ),
    dry('Kerupuk Ikan', 'makanan_ringan', 3, [
      v('Kerupuk Ikan Tenggiri Bengkulu', 250, 'g', 20000, 27000),
      v('Keripik Kulit Ikan', 100, 'g', 18000, 24000),
      v('Kerupuk Udang', 200, 'g', 22000, 28000),
    ]),
  ],
  // Kota Ambon.
  ambon: [
    dry('Kacang Botol', 'makanan_ringan', 4, [
      v('Kacang Botol Ambon', 200, 'g', 15000, 20000),
      v('Kacang Botol Pedas', 200, 'g', 16000, 21000),
      v('Kacang Botol Jumbo', 400, 'g', 28000, 36000),
    ]),
    dry(
      'Sagu Lempeng',
      'beras_serealia',
      3,
      [
        v('Sagu Lempeng', 10, 'pcs', 15000, 20000),
        v('Sagu Lempeng Kenari', 10, 'pcs', 22000, 28000),
        v('Bagea Sagu Kenari', 200, 'g', 20000, 26000),
      ],
      { shelf: [180, 365] },
    ),
    dry(
      'Minyak Kayu Putih',
      'madu_herbal',
      3,
      [
        v('Minyak Kayu Putih Buru', 60, 'ml', 25000, 33000),
        v('Minyak Kayu Putih Buru', 120, 'ml', 45000, 58000),
        v('Minyak Kayu Putih Roll-On', 10, 'ml', 12000, 16000),
      ],
      { food: false, shelf: [365, 365] },
    ),
    wet(
      'Ikan Asar',
      'olahan_ikan_daging',
      2,
      'chilled',
      [
        v('Ikan Asar Cakalang', 1, 'pcs', 40000, 55000),
        v('Ikan Asar Tuna Potong', 500, 'g', 45000, 60000),
        v('Sambal Colo-Colo Segar', 200, 'g', 15000, 20000),
      ],
      { shelf: [3, 5] },
    ),
    dry('Kopi Rarobang', 'kopi_teh', 2, [
      v('Kopi Rarobang Rempah', 200, 'g', 30000, 40000),
      v('Kopi Rarobang Sachet', 10, 'pcs', 20000, 26000),
      v('Teh Rempah Pala', 20, 'pcs', 20000, 26000),
    ]),
    dry(
      'Manisan Pala',
      'makanan_ringan',
      2,
      [v('Manisan Pala Kering', 200, 'g', 20000, 27000), v('Sirup Pala', 500, 'ml', 28000, 36000), v('Selai Pala', 200, 'g', 22000, 28000)],
      { shelf: [120, 240] },
    ),
  ],
};

export interface NameBook {
  female: string[];
  male: string[];
  /** Second names (often the father's) or family names; for women `femaleSecond` when the region's
   *  second names are gendered (Sundanese/Javanese "Aminah" is never a man's). */
  second: string[];
  femaleSecond?: string[];
  /** Words for a business named by a brand rather than its owner. */
  brands: string[];
}

const BRANDS = [
  'Barokah',
  'Berkah Jaya',
  'Sumber Rezeki',
  'Dua Putri',
  'Al-Hidayah',
  'Mandiri',
  'Sari Rasa',
  'Dua Saudara',
  'Harapan Ibu',
  'Cahaya',
];

export const NAMES: Record<Region, NameBook> = {
  serang: {
    female: [
      'Siti',
      'Euis',
      'Iis',
      'Rohmah',
      'Nurhayati',
      'Masitoh',
      'Mulyanah',
      'Sarmini',
      'Yuyun',
      'Enah',
      'Romlah',
      'Neneng',
      'Komariah',
      'Aas',
      'Imas',
      'Juariah',
    ],
    male: [
      'Jaenudin',
      'Ujang',
      'Sarmin',
      'Rohmat',
      'Sukardi',
      'Entis',
      'Jajang',
      'Mahmudin',
      'Sanusi',
      'Asep',
      'Muhidin',
      'Suhaemi',
      'Encep',
      'Karnadi',
    ],
    second: [
      'Aminah',
      'Hasanah',
      'Rohaeti',
      'Maemunah',
      'Suhendi',
      'Fauzi',
      'Hidayat',
      'Syarifudin',
      'Mulyadi',
      'Sobari',
      'Jamaludin',
      'Nurjanah',
    ],
    brands: [...BRANDS, 'Banten Asli', 'Putra Pontang', 'Jawara'],
  },
  oki: {
    female: ['Rusmini', 'Yusnani', 'Marlina', 'Nurbaiti', 'Asmawati', 'Zubaidah', 'Hamidah', 'Erni', 'Maryani', 'Sumarni'],
    male: ['Rusdi', 'Zulkifli', 'Hamdan', 'Syamsudin', 'Marzuki', 'Anwar', 'Ismail', 'Herman', 'Yusuf'],
    second: ['Hasan', 'Rasyid', 'Effendi', 'Saleh', 'Abdullah', 'Hamid', 'Roni'],
    brands: [...BRANDS, 'Bende Seguguk', 'Kayuagung Jaya'],
  },
  sulbar: {
    female: ['Hasnah', 'Nurhaeda', 'Sitti Rahmah', 'Murni', 'Kasmawati', 'Hadijah', 'Rosmiati', 'Marta', 'Yuliana', 'Nurlia'],
    male: ['Arsyad', 'Syahrir', 'Baharuddin', 'Abdul Rahman', 'Rusli', 'Yohanis', 'Daniel', 'Markus', 'Ilham', 'Jufri'],
    second: ['Basri', 'Tandiarrang', 'Ambo', 'Mustari', 'Pasolong', 'Rahim', 'Tammu', 'Darwis'],
    brands: [...BRANDS, 'Mandar Jaya', 'Malaqbi', 'Lembah Mamasa'],
  },
  bengkulu: {
    female: ['Yulia', 'Desi', 'Nurlela', 'Rita', 'Herlina', 'Mardiana', 'Sri Wahyuni', 'Lusi', 'Eka'],
    male: ['Zulkarnain', 'Hendri', 'Dedi', 'Rahmat', 'Firdaus', 'Syafrudin', 'Joni', 'Irwan'],
    second: ['Saputra', 'Hartono', 'Yusman', 'Efendi', 'Marzuki'],
    femaleSecond: ['Lestari', 'Anggraini', 'Susanti', 'Oktaviani', 'Yusman'],
    brands: [...BRANDS, 'Raflesia', 'Bumi Rafflesia'],
  },
  ambon: {
    female: ['Maria', 'Yohana', 'Merry', 'Sitti', 'Selvi', 'Elsye', 'Fransina', 'Nur', 'Wa Ode'],
    male: ['Yance', 'Jopie', 'Ronald', 'Abdullah', 'Hasan', 'Agustinus', 'Frans', 'Salim'],
    second: ['Pattiasina', 'Latuconsina', 'Tuasikal', 'Matulessy', 'Sahetapy', 'Pelupessy', 'Ohorella', 'Lawalata', 'Sopacua'],
    brands: [...BRANDS, 'Manise', 'Ambon Manise', 'Pala Banda'],
  },
};
