export const directoryText = {
  vi: {
    directory: 'Danh bạ đơn vị',
    home: 'Trang chủ',
    crumbs: 'Vị trí',
    title: 'Danh bạ Mặt trận các cấp — 34 tỉnh, thành phố',
    description:
      'Tra cứu 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu cùng Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội ở mỗi nơi.',
    heading: 'Danh bạ Mặt trận các cấp',
    lead: 'Tìm tỉnh, thành phố hoặc xã, phường, đặc khu để xem Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội ở đó.',
    searchLabel: 'Tìm đơn vị',
    searchHint: 'Gõ có dấu hoặc không dấu, ví dụ: ha noi, ba dinh, phu quoc.',
    searchSubmit: 'Tìm',
    results: 'Kết quả tìm kiếm cho “{q}”',
    noResults: 'Không tìm thấy đơn vị nào phù hợp với “{q}”.',
    mapHeading: 'Bản đồ 34 tỉnh, thành phố',
    mapHint: 'Chọn một tỉnh, thành phố trên bản đồ hoặc trong danh sách.',
    mapAttribution:
      'Ranh giới tỉnh theo bản đồ sáp nhập chính thức của Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam (sapnhap.bando.com.vn).',
    listHeading: 'Tỉnh, thành phố',
    communes: '{n} xã, phường, đặc khu',
    provinceTitle: '{name} — Danh bạ Mặt trận các cấp',
    provinceDescription:
      '{name}: {n} xã, phường, đặc khu và Ủy ban Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội của tỉnh.',
    adoption: 'Xã đã lập danh sách thôn, tổ dân phố',
    villages: 'Thôn, tổ dân phố',
    asOf: 'Số liệu ngày {date}',
    organisations: 'Mặt trận và các tổ chức chính trị - xã hội',
    communesHeading: 'Xã, phường, đặc khu ({n})',
    group_phường: 'Phường',
    group_xã: 'Xã',
    'group_đặc khu': 'Đặc khu',
    communeTitle: '{name}, {province} — Danh bạ Mặt trận các cấp',
    communeDescription:
      '{name} ({province}): Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội của {kind}.',
    villageCount: 'Số thôn, tổ dân phố',
    villageNone: 'Xã chưa cập nhật danh sách thôn, tổ dân phố.',
    notOrganised: 'Chưa tổ chức',
    code: 'Mã đơn vị',
    province: 'Tỉnh, thành phố',
  },
  en: {
    directory: 'Unit directory',
    home: 'Home',
    crumbs: 'Breadcrumb',
    title: 'Directory of Front units — the 34 provinces and cities',
    description:
      'Find the 34 provinces and cities and the 3,321 communes, wards and special zones, with the Fatherland Front committee and socio-political organisations of each.',
    heading: 'Directory of Front units',
    lead: 'Find a province or city, or a commune, ward or special zone, to see its Fatherland Front committee and socio-political organisations.',
    searchLabel: 'Find a unit',
    searchHint: 'Tone marks are optional, e.g. ha noi, ba dinh, phu quoc.',
    searchSubmit: 'Search',
    results: 'Results for “{q}”',
    noResults: 'No unit matches “{q}”.',
    mapHeading: 'Map of the 34 provinces and cities',
    mapHint: 'Choose a province or city on the map or in the list.',
    mapAttribution:
      'Province boundaries derive from the official merger map of the Department of Survey, Mapping and Geographic Information of Viet Nam (sapnhap.bando.com.vn).',
    listHeading: 'Provinces and cities',
    communes: '{n} communes, wards and special zones',
    provinceTitle: '{name} — Directory of Front units',
    provinceDescription:
      '{name}: {n} communes, wards and special zones, with the Fatherland Front committee and socio-political organisations of the province.',
    adoption: 'Communes with a village list',
    villages: 'Villages and residential groups',
    asOf: 'Figures as of {date}',
    organisations: 'The Front and the socio-political organisations',
    communesHeading: 'Communes, wards and special zones ({n})',
    group_phường: 'Wards (phường)',
    group_xã: 'Communes (xã)',
    'group_đặc khu': 'Special zones (đặc khu)',
    communeTitle: '{name}, {province} — Directory of Front units',
    communeDescription:
      '{name} ({province}): the Fatherland Front committee and the socio-political organisations of the {kind}.',
    villageCount: 'Villages and residential groups',
    villageNone: 'The commune has not published its village list yet.',
    notOrganised: 'Not organised',
    code: 'Unit code',
    province: 'Province or city',
  },
};

export type DirectoryText = (typeof directoryText)['vi'];

export function fill(s: string, params: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** 2025-11-25 → 25/11/2025 */
export function formatIsoDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
