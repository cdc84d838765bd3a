/**
 * Word pools for realistic demo village names by region. Only used by the demo generator: real lists
 * come from the communes themselves.
 */
export type Region = 'mountain' | 'north' | 'central' | 'highlands' | 'southeast' | 'mekong';

const REGION_OF: Record<string, Region> = {
  '04': 'mountain',
  '08': 'mountain',
  '11': 'mountain',
  '12': 'mountain',
  '14': 'mountain',
  '15': 'mountain',
  '20': 'mountain',
  '01': 'north',
  '19': 'north',
  '22': 'north',
  '24': 'north',
  '25': 'north',
  '31': 'north',
  '33': 'north',
  '37': 'north',
  '38': 'central',
  '40': 'central',
  '42': 'central',
  '44': 'central',
  '46': 'central',
  '48': 'central',
  '51': 'central',
  '56': 'central',
  '52': 'highlands',
  '66': 'highlands',
  '68': 'highlands',
  '75': 'southeast',
  '79': 'southeast',
  '80': 'southeast',
  '82': 'mekong',
  '86': 'mekong',
  '91': 'mekong',
  '92': 'mekong',
  '96': 'mekong',
};

export function regionOf(provinceCode: string): Region {
  return REGION_OF[provinceCode] ?? 'north';
}

/** Village types by region and commune type, with weights. */
export function villageTypesFor(region: Region, communeType: string): [string, number][] {
  if (communeType === 'phường') {
    if (region === 'southeast') return [['khu phố', 1]];
    if (region === 'mekong')
      return [
        ['khóm', 0.6],
        ['khu phố', 0.4],
      ];
    if (region === 'central')
      return [
        ['tổ dân phố', 0.8],
        ['khối', 0.2],
      ];
    return [['tổ dân phố', 1]];
  }
  switch (region) {
    case 'mountain':
      return [
        ['bản', 0.6],
        ['thôn', 0.3],
        ['tổ dân phố', 0.1],
      ];
    case 'north':
      return [
        ['thôn', 0.75],
        ['xóm', 0.15],
        ['tổ dân phố', 0.1],
      ];
    case 'central':
      return [
        ['thôn', 0.8],
        ['xóm', 0.1],
        ['bản', 0.1],
      ];
    case 'highlands':
      return [
        ['thôn', 0.45],
        ['buôn', 0.25],
        ['plei', 0.15],
        ['làng', 0.15],
      ];
    case 'southeast':
      return [
        ['ấp', 0.9],
        ['khu phố', 0.1],
      ];
    case 'mekong':
      return [
        ['ấp', 0.85],
        ['sóc', 0.1],
        ['khóm', 0.05],
      ];
  }
}

const HAN_VIET = [
  'An',
  'Phú',
  'Tân',
  'Hòa',
  'Bình',
  'Thạnh',
  'Mỹ',
  'Long',
  'Phước',
  'Vĩnh',
  'Hưng',
  'Thịnh',
  'Lộc',
  'Xuân',
  'Quang',
  'Minh',
  'Thuận',
  'Hiệp',
  'Đức',
  'Lợi',
  'Yên',
  'Thọ',
  'Khánh',
  'Thái',
  'Hội',
  'Nghĩa',
  'Trung',
  'Hậu',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Thượng',
  'Hạ',
  'Đoài',
  'Cát',
  'Sơn',
  'Lâm',
  'Thủy',
  'Điền',
  'Kim',
  'Ngọc',
  'Văn',
  'Phong',
  'Lạc',
  'Thành',
  'Hải',
  'Gia',
  'Tiên',
  'Châu',
];

const SYLLABLES: Record<string, [string[], string[]]> = {
  bản: [
    [
      'Nà',
      'Pác',
      'Bó',
      'Khuổi',
      'Cốc',
      'Nặm',
      'Phiêng',
      'Huổi',
      'Co',
      'Pá',
      'Mường',
      'Lũng',
      'Khau',
      'Đon',
      'Tà',
      'Nậm',
      'Hát',
      'Phìn',
    ],
    [
      'Pục',
      'Bó',
      'Mò',
      'Lếch',
      'Hán',
      'Sang',
      'Chang',
      'Lìa',
      'Mạ',
      'Vài',
      'Nưa',
      'Tẩu',
      'Khoang',
      'Pa',
      'Củm',
      'Ngoa',
      'Mòn',
      'Cáy',
      'Sla',
      'Lạn',
    ],
  ],
  buôn: [
    ['Ea', 'Ko', 'Kô', 'Ako', 'Cư', 'Krông', 'Đắk', 'Tơng', 'Dliê', 'Hră'],
    ['Sup', 'Siêr', 'Dhông', 'Pang', 'Nur', 'Ktur', 'Jắt', 'Bông', 'Yang', 'Kmar', 'Drai', 'Kpă', 'Tiêu', 'Mnang'],
  ],
  plei: [
    ['Ơi', 'Rơng', 'Kép', 'Bông', 'Tơ', 'Krăi', 'Ring', 'Chuet', 'Phun', 'Lao', 'Jut', 'Bàng', 'Klăh'],
    ['', 'Ngol', 'Tơ', 'Krông', 'Lang', 'Sơr'],
  ],
  làng: [
    ['Kon', 'Đê', 'Tơ', 'Kơ', 'Dơ', 'Kep'],
    ['Jơ Dri', 'Hra', 'Rơ Wang', 'Klor', 'Mơ Nang', 'Bơ', 'Ktu', 'Rơng', 'Tum', 'Jri'],
  ],
  sóc: [
    ['Tà', 'Sa', 'Phnô', 'Kom', 'Trà', 'Pô', 'Rum', 'Bưng', 'Tum', 'Kô'],
    ['Ca', 'Răng', 'Pic', 'Pong', 'Đét', 'Mết', 'Kha', 'Lòn', 'Chiếc', 'Dừa'],
  ],
};

const NUMBERED = new Set(['tổ dân phố', 'khu phố', 'khóm', 'khối']);

/** A name for a village of this type: numbered for urban groups, local words otherwise. */
export function demoVillageName(type: string, index: number, rand: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  if (NUMBERED.has(type) || rand() < 0.25) return String(index);
  const pools = SYLLABLES[type];
  if (pools) return `${pick(pools[0])} ${pick(pools[1])}`.trim();
  if (rand() < 0.3) return pick(HAN_VIET);
  return `${pick(HAN_VIET)} ${pick(HAN_VIET)}`;
}
