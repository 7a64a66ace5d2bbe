// Hand-placed geography for the demo regions: a few points on land per district (approximate town or
// kecamatan centres, read off general maps — good to a kilometre or two, not survey data), the towns
// each regency is measured from, and shoreline rules where the sea is close. District CODES are never
// written here: the seed looks the names up in `regions`, so a renamed or missing district fails loudly.
import type { Rng } from './prng.ts';

/** A point known to be on land and how far (km) generated points may wander from it. */
export interface LandPoint {
  lat: number;
  lon: number;
  km: number;
}

export interface DistrictGeo {
  points: LandPoint[];
  /** Relative share of outlets and businesses (people live and shop unevenly). */
  weight: number;
}

export interface RegencyGeo {
  /** Kemendagri code of the regency/city. */
  code: string;
  /** Towns the regency is measured from: every generated point lies within HUB_RADIUS_KM of one. */
  hubs: { name: string; lat: number; lon: number }[];
  /** Keyed by the district's name as spelled in `regions`. */
  districts: Record<string, DistrictGeo>;
  /** Extra rule for coastal cities where a jittered point could land in the sea. */
  onLand?: (lat: number, lon: number) => boolean;
  /** Street names for addresses (synthetic but local-sounding); {district} and {village} are filled in. */
  streets: string[];
}

export const HUB_RADIUS_KM = 40;

const d = (weight: number, ...points: [number, number, number][]): DistrictGeo => ({
  weight,
  points: points.map(([lat, lon, km]) => ({ lat, lon, km })),
});

/** Linear interpolation over a polyline given as [key, value] pairs sorted by key. */
function interpolate(line: readonly [number, number][], x: number): number {
  const first = line[0] as [number, number];
  const last = line[line.length - 1] as [number, number];
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < line.length; i++) {
    const [x1, y1] = line[i] as [number, number];
    const [x0, y0] = line[i - 1] as [number, number];
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return last[1];
}

// Kota Bengkulu faces the Indian Ocean to the west/south-west: Tapak Paderi and Fort Marlborough at
// about 102.25°E, Pantai Panjang running south-east to Pulau Baai. Points must stay east of this line
// (by ~450 m) — [latitude, shoreline longitude], south to north.
const BENGKULU_SHORE: [number, number][] = [
  [-3.94, 102.33],
  [-3.91, 102.315],
  [-3.88, 102.3],
  [-3.86, 102.287],
  [-3.84, 102.274],
  [-3.82, 102.262],
  [-3.8, 102.254],
  [-3.79, 102.25],
  [-3.78, 102.255],
  [-3.75, 102.27],
  [-3.72, 102.283],
  [-3.68, 102.3],
];

export const REGENCY_GEO: Record<string, RegencyGeo> = {
  // Kota Bengkulu: city centre about -3.80, 102.27.
  '17.71': {
    code: '17.71',
    hubs: [{ name: 'Simpang Lima', lat: -3.796, lon: 102.266 }],
    onLand: (lat, lon) => lon >= interpolate(BENGKULU_SHORE, lat) + 0.004,
    districts: {
      Selebar: d(16, [-3.85, 102.305, 1.5], [-3.835, 102.325, 1.2]),
      'Gading Cempaka': d(13, [-3.818, 102.285, 1.0], [-3.826, 102.3, 1.0]),
      'Teluk Segara': d(6, [-3.79, 102.263, 0.6]),
      'Muara Bangka Hulu': d(12, [-3.762, 102.285, 1.2], [-3.775, 102.305, 1.0]),
      'Kampung Melayu': d(10, [-3.872, 102.32, 1.2], [-3.86, 102.34, 1.0]),
      'Ratu Agung': d(11, [-3.8, 102.28, 0.9]),
      'Ratu Samban': d(6, [-3.8, 102.266, 0.6]),
      'Sungai Serut': d(7, [-3.772, 102.272, 0.8]),
      'Singaran Pati': d(13, [-3.805, 102.31, 1.2]),
    },
    streets: [
      'Jl. S. Parman',
      'Jl. Jend. Sudirman',
      'Jl. Salak Raya',
      'Jl. Danau',
      'Jl. WR Supratman',
      'Jl. Adam Malik',
      'Jl. Merapi Raya',
      'Jl. Hibrida Raya',
      'Jl. Basuki Rahmat',
      'Jl. Fatmawati',
      'Jl. Soekarno-Hatta',
      'Jl. P. Natadirja',
      'Jl. Kapuas Raya',
      'Jl. Bumi Ayu Raya',
      'Jl. Timur Indah',
      'Jl. Raden Fatah',
      'Jl. Dempo',
    ],
  },
  // Kota Ambon wraps Teluk Ambon: Sirimau and Nusaniwe on the Leitimur shore, Teluk Ambon on the Leihitu
  // shore (Poka–Laha), Baguala on the isthmus at Passo. Small radii keep points out of the bay.
  '81.71': {
    code: '81.71',
    hubs: [{ name: 'Lapangan Merdeka', lat: -3.697, lon: 128.181 }],
    districts: {
      Sirimau: d(14, [-3.702, 128.184, 0.6], [-3.706, 128.198, 0.5], [-3.69, 128.203, 0.3]),
      Nusaniwe: d(9, [-3.714, 128.17, 0.5], [-3.747, 128.147, 0.4], [-3.778, 128.113, 0.4]),
      Baguala: d(7, [-3.634, 128.262, 0.4], [-3.664, 128.232, 0.4], [-3.672, 128.218, 0.3]),
      'Teluk Ambon': d(7, [-3.637, 128.186, 0.5], [-3.652, 128.16, 0.5], [-3.683, 128.122, 0.5], [-3.703, 128.095, 0.5]),
      'Leitimur Selatan': d(2, [-3.735, 128.225, 0.8]),
    },
    streets: [
      'Jl. Sultan Hairun',
      'Jl. A.Y. Patty',
      'Jl. Pattimura',
      'Jl. Diponegoro',
      'Jl. Dr. Kayadoe',
      'Jl. Laksdya Leo Wattimena',
      'Jl. Jend. Sudirman',
      'Jl. Dr. Tulukabessy',
      'Jl. Dr. Latumeten',
      'Jl. Said Perintah',
    ],
  },
  // Kabupaten Serang: north coast on the Java Sea (~-5.96), Teluk Banten between Bojonegara and Pontang,
  // the Sunda Strait coast at Anyar/Cinangka (~105.87). Coastal districts are anchored inland.
  '36.04': {
    code: '36.04',
    hubs: [{ name: 'Serang', lat: -6.15, lon: 106.15 }],
    districts: {
      Kramatwatu: d(8, [-6.065, 106.105, 1.5]),
      Waringinkurung: d(4, [-6.085, 106.045, 1.5]),
      Bojonegara: d(4, [-6.005, 106.055, 1.0]),
      'Pulo Ampel': d(3, [-5.985, 106.02, 0.8]),
      Ciruas: d(7, [-6.115, 106.245, 1.5]),
      Kragilan: d(7, [-6.145, 106.3, 1.5]),
      Pontang: d(6, [-6.04, 106.205, 1.5]),
      Tirtayasa: d(5, [-6.01, 106.285, 1.5]),
      Tanara: d(3, [-6.01, 106.36, 1.2]),
      Cikande: d(8, [-6.195, 106.345, 1.5]),
      Kibin: d(6, [-6.17, 106.32, 1.2]),
      Carenang: d(3, [-6.085, 106.33, 1.5]),
      Binuang: d(2, [-6.05, 106.295, 1.2]),
      Petir: d(4, [-6.275, 106.24, 1.5]),
      'Tunjung Teja': d(3, [-6.32, 106.27, 1.5]),
      Baros: d(5, [-6.24, 106.105, 1.5]),
      Cikeusal: d(5, [-6.215, 106.235, 1.5]),
      Pamarayan: d(3, [-6.265, 106.3, 1.5]),
      Kopo: d(3, [-6.25, 106.35, 1.5]),
      Jawilan: d(4, [-6.215, 106.4, 1.5]),
      Ciomas: d(3, [-6.225, 106.005, 1.5]),
      Pabuaran: d(3, [-6.195, 105.97, 1.5]),
      Padarincang: d(4, [-6.215, 105.93, 1.5]),
      Anyar: d(6, [-6.085, 105.915, 1.2]),
      Cinangka: d(4, [-6.175, 105.905, 1.0]),
      Mancak: d(3, [-6.11, 105.975, 1.5]),
      Gunungsari: d(2, [-6.15, 106.01, 1.5]),
      Bandung: d(2, [-6.18, 106.27, 1.2]),
      'Lebak Wangi': d(3, [-6.07, 106.25, 1.2]),
    },
    streets: [
      'Jl. Raya {district}',
      'Jl. Raya {district}',
      'Jl. Raya {village}',
      'Jl. Pasar {district}',
      'Jl. Syekh Nawawi Al-Bantani',
      'Jl. KH. Abdul Hadi',
      'Jl. Sultan Ageng Tirtayasa',
    ],
  },
  // Kabupaten Ogan Komering Ilir: Kayuagung on the Komering in the west; swamps and the coast east.
  '16.02': {
    code: '16.02',
    hubs: [
      { name: 'Kayuagung', lat: -3.39, lon: 104.83 },
      { name: 'Tulung Selapan', lat: -3.24, lon: 105.32 },
      { name: 'Mesuji', lat: -3.85, lon: 105.2 },
      { name: 'Cengal', lat: -3.64, lon: 105.56 },
    ],
    districts: {
      'Kayu Agung': d(30, [-3.395, 104.83, 2.0], [-3.41, 104.845, 1.5]),
      'Tanjung Lubuk': d(5, [-3.375, 104.77, 2.0]),
      'Teluk Gelam': d(3, [-3.54, 104.72, 2.5]),
      Pedamaran: d(5, [-3.485, 104.83, 2.0]),
      'Pedamaran Timur': d(2, [-3.52, 104.95, 2.5]),
      'Sirah Pulau Padang': d(3, [-3.28, 104.83, 2.0]),
      Jejawi: d(2, [-3.215, 104.76, 2.0]),
      Pampangan: d(2, [-3.19, 104.89, 2.0]),
      'Pangkalan Lampam': d(2, [-3.33, 105.03, 2.5]),
      'Tulung Selapan': d(3, [-3.24, 105.32, 2.5]),
      'Air Sugihan': d(2, [-2.98, 105.42, 3.0]),
      Cengal: d(2, [-3.64, 105.56, 3.0]),
      Lempuing: d(5, [-3.72, 104.93, 2.5]),
      'Lempuing Jaya': d(4, [-3.82, 104.99, 2.5]),
      Mesuji: d(3, [-3.85, 105.3, 2.5]),
      'Mesuji Makmur': d(3, [-3.62, 105.15, 3.0]),
      'Mesuji Raya': d(3, [-3.95, 105.28, 3.0]),
      'Sungai Menang': d(2, [-4.05, 105.2, 3.0]),
    },
    streets: ['Jl. Lintas Timur', 'Jl. Raya {district}', 'Jl. Pasar {district}', 'Jl. Ahmad Yani', 'Jl. Merdeka'],
  },
  // Provinsi Sulawesi Barat: six regencies along the west coast of Sulawesi (sea to the west and, at
  // Polewali/Majene, to the south) and Mamasa in the mountains.
  '76.01': {
    code: '76.01',
    hubs: [{ name: 'Pasangkayu', lat: -1.38, lon: 119.35 }],
    districts: {
      Pasangkayu: d(6, [-1.18, 119.395, 1.5]),
      Baras: d(3, [-1.455, 119.355, 1.5]),
      Sarudu: d(3, [-1.585, 119.29, 1.5]),
    },
    streets: ['Jl. Trans Sulawesi', 'Jl. Ir. Soekarno', 'Jl. Kartini', 'Jl. Poros Pasangkayu'],
  },
  '76.02': {
    code: '76.02',
    hubs: [{ name: 'Mamuju', lat: -2.7, lon: 118.92 }],
    districts: {
      Mamuju: d(8, [-2.695, 118.905, 1.0]),
      Simboro: d(4, [-2.73, 118.915, 1.5]),
      Kalukku: d(3, [-2.545, 119.005, 1.5]),
      Tapalang: d(2, [-2.86, 118.85, 1.2]),
    },
    streets: ['Jl. Yos Sudarso', 'Jl. Ahmad Yani', 'Jl. Diponegoro', 'Jl. KS Tubun', 'Jl. Raya {district}'],
  },
  '76.03': {
    code: '76.03',
    hubs: [{ name: 'Mamasa', lat: -2.98, lon: 119.36 }],
    districts: {
      Mamasa: d(6, [-2.945, 119.37, 1.5]),
      Tawalian: d(3, [-2.915, 119.345, 1.2]),
      Sumarorong: d(3, [-3.06, 119.41, 1.5]),
      Mambi: d(2, [-2.96, 119.19, 1.5]),
      Messawa: d(2, [-3.13, 119.45, 1.5]),
    },
    streets: ['Jl. Poros Polewali–Mamasa', 'Jl. Demmaelo', 'Jl. Emmy Saelan', 'Jl. Buntu Kasisi'],
  },
  '76.04': {
    code: '76.04',
    hubs: [{ name: 'Polewali', lat: -3.4, lon: 119.28 }],
    districts: {
      Polewali: d(8, [-3.4, 119.33, 1.2]),
      Matakali: d(3, [-3.385, 119.29, 1.2]),
      Wonomulyo: d(5, [-3.385, 119.215, 1.5]),
      Mapilli: d(3, [-3.36, 119.245, 1.2]),
      Campalagian: d(4, [-3.445, 119.14, 1.2]),
      Binuang: d(3, [-3.425, 119.42, 1.0]),
    },
    streets: ['Jl. Jend. Ahmad Yani', 'Jl. Manunggal', 'Jl. Trans Sulawesi', 'Jl. Andi Depu', 'Jl. Budi Utomo'],
  },
  '76.05': {
    code: '76.05',
    hubs: [{ name: 'Majene', lat: -3.45, lon: 118.96 }],
    districts: {
      Banggae: d(6, [-3.535, 118.985, 0.8]),
      'Banggae Timur': d(4, [-3.525, 119.01, 1.2]),
      Pamboang: d(2, [-3.45, 118.945, 1.0]),
      Sendana: d(2, [-3.33, 118.905, 1.2]),
    },
    streets: ['Jl. Jend. Sudirman', 'Jl. Gatot Subroto', 'Jl. Raya {district}', 'Jl. Ammana Wewang'],
  },
  '76.06': {
    code: '76.06',
    hubs: [{ name: 'Tobadak', lat: -1.85, lon: 119.3 }],
    districts: {
      Tobadak: d(4, [-1.92, 119.33, 2.0]),
      Topoyo: d(4, [-1.83, 119.295, 1.5]),
      'Budong-Budong': d(2, [-1.96, 119.18, 1.5]),
      Karossa: d(2, [-1.62, 119.36, 1.5]),
      Pangale: d(2, [-2.05, 119.33, 1.5]),
    },
    streets: ['Jl. Trans Sulawesi', 'Jl. Poros Tobadak', 'Jl. Pendidikan', 'Jl. Merdeka'],
  },
  // Kota Makassar (Sulawesi Selatan), where Alfamidi's Makassar branch serves Sulawesi Barat from: the
  // Makassar Strait is to the west (Pantai Losari at about 119.405°E), so the coastal districts' points
  // sit a kilometre inland with a small radius; the islands (Kepulauan Sangkarrang) get no outlet.
  '73.71': {
    code: '73.71',
    hubs: [{ name: 'Makassar', lat: -5.14, lon: 119.42 }],
    districts: {
      Mariso: d(2, [-5.156, 119.416, 0.4]),
      Mamajang: d(2, [-5.163, 119.424, 0.6]),
      Makassar: d(3, [-5.142, 119.427, 0.6]),
      'Ujung Pandang': d(2, [-5.136, 119.417, 0.4]),
      Wajo: d(2, [-5.125, 119.42, 0.4]),
      Bontoala: d(2, [-5.126, 119.428, 0.5]),
      Tallo: d(3, [-5.11, 119.437, 0.6]),
      Panakkukang: d(5, [-5.148, 119.448, 1.0]),
      Tamalate: d(5, [-5.185, 119.425, 1.0]),
      Biringkanaya: d(5, [-5.085, 119.515, 1.5]),
      Manggala: d(4, [-5.168, 119.48, 1.2]),
      Rappocini: d(5, [-5.165, 119.438, 0.8]),
      Tamalanrea: d(4, [-5.125, 119.49, 1.2]),
    },
    streets: ['Jl. Jend. Sudirman', 'Jl. A. P. Pettarani', 'Jl. Urip Sumoharjo', 'Jl. Perintis Kemerdekaan', 'Jl. Raya {district}'],
  },
};

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A point uniformly inside the disc around one of the district's land points, re-drawn while a
 *  shoreline rule rejects it; six decimals (~10 cm) like a phone's GPS. */
export function placeInDistrict(r: Rng, regency: RegencyGeo, district: DistrictGeo): { lat: number; lon: number } {
  const anchor = r.pick(district.points);
  for (let attempt = 0; attempt < 50; attempt++) {
    const dist = anchor.km * Math.sqrt(r.next());
    const theta = 2 * Math.PI * r.next();
    const lat = anchor.lat + (dist * Math.cos(theta)) / 111.32;
    const lon = anchor.lon + (dist * Math.sin(theta)) / (111.32 * Math.cos((anchor.lat * Math.PI) / 180));
    if (!regency.onLand || regency.onLand(lat, lon)) return { lat: round6(lat), lon: round6(lon) };
  }
  return { lat: anchor.lat, lon: anchor.lon };
}

/** Distance from the nearest hub of the regency (the test's plausibility check). */
export function hubDistanceKm(regencyCode: string, lat: number, lon: number): number {
  const geo = REGENCY_GEO[regencyCode];
  if (!geo) return Number.POSITIVE_INFINITY;
  return Math.min(...geo.hubs.map((h) => distanceKm(h.lat, h.lon, lat, lon)));
}
