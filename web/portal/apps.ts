import type { Localized } from '../shared/i18n.ts';

export type Audience = 'citizens' | 'cadres';

export type AppLink = {
  code: string;
  href: string;
  audience: Audience;
  /** A short badge (the acronym people already use), when there is one. */
  short?: string;
  name: Localized;
  description: Localized;
};

/** The apps of the platform with the names the Front announced (GLOSSARY.md), in the order shown. */
export const apps: AppLink[] = [
  {
    code: 'petitions',
    href: '/phan-anh',
    audience: 'citizens',
    short: 'PAKN',
    name: {
      vi: 'Phần mềm tiếp nhận, xử lý phản ánh, kiến nghị của người dân (PAKN)',
      en: "Citizens' feedback and recommendations",
    },
    description: {
      vi: 'Người dân gửi phản ánh, kiến nghị từ điện thoại, theo dõi việc xử lý bằng mã tra cứu và xem câu trả lời được công khai.',
      en: 'Citizens send feedback and recommendations from their phone, follow the handling with a tracking code and read the published answers.',
    },
  },
  {
    code: 'library',
    href: '/thu-vien',
    audience: 'citizens',
    name: {
      vi: 'Thư viện số cộng đồng — “Dịch vụ công”, “Thư viện pháp luật”',
      en: 'Community digital library — public services, law library',
    },
    description: {
      vi: 'Người dân tra cứu thủ tục hành chính và văn bản pháp luật từ một nguồn thông tin chính thống, tin cậy.',
      en: 'Citizens look up administrative procedures and legal documents from an official, reliable source.',
    },
  },
  {
    code: 'units',
    href: '/don-vi',
    audience: 'citizens',
    name: { vi: 'Danh bạ Mặt trận các cấp', en: 'Directory of Front units' },
    description: {
      vi: 'Tra cứu Ủy ban Mặt trận Tổ quốc Việt Nam của các tỉnh, thành phố và các xã, phường, đặc khu.',
      en: 'Find the Fatherland Front committees of the provinces and cities and of the communes, wards and special zones.',
    },
  },
  {
    code: 'reports',
    href: '/bao-cao',
    audience: 'cadres',
    short: 'CSDL',
    name: { vi: 'Phần mềm Cơ sở dữ liệu trực tuyến (CSDL)', en: 'Online organisational database' },
    description: {
      vi: 'Cán bộ Mặt trận và các tổ chức chính trị - xã hội cập nhật dữ liệu tổ chức, gửi báo cáo tuần; hệ thống tự động tổng hợp lên cấp trên.',
      en: 'Cadres of the Front and the socio-political organisations keep their organisation data current and send weekly reports, synthesised automatically up the hierarchy.',
    },
  },
  {
    code: 'assistant',
    href: '/tro-ly-ao',
    audience: 'cadres',
    name: {
      vi: 'Trợ lý ảo phục vụ công tác tham mưu của Mặt trận các cấp',
      en: 'Virtual assistant',
    },
    description: {
      vi: 'Cán bộ nhập câu hỏi hoặc từ khóa về nghiệp vụ và nhận thông tin từ kho tri thức, mọi lúc, trên mọi thiết bị.',
      en: 'Cadres type a question or keywords about their work and get the right information from the knowledge base, at any time, on any device.',
    },
  },
  {
    code: 'congress',
    href: '/dai-hoi',
    audience: 'cadres',
    name: {
      vi: 'Phần mềm theo dõi tiến độ, kết quả Đại hội Mặt trận Tổ quốc Việt Nam các cấp',
      en: 'Congress monitoring',
    },
    description: {
      vi: 'Cập nhật thời gian, kết quả nhân sự và tin tức Đại hội cấp tỉnh, cấp xã; theo dõi tiến độ trên cả nước một cách trực quan.',
      en: 'Records the time, personnel results and news of province and commune congresses, with a visual overview of progress across the country.',
    },
  },
  {
    code: 'members',
    href: '/hoi-vien',
    audience: 'cadres',
    name: { vi: 'Quản lý đoàn viên, hội viên', en: 'Member management' },
    description: {
      vi: 'Các tổ chức chính trị - xã hội quản lý danh sách đoàn viên, hội viên của mình, thống nhất từ cơ sở đến Trung ương.',
      en: 'The socio-political organisations manage their union and association members, consistently from the grassroots to the Central level.',
    },
  },
];
