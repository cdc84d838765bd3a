import type { Localized } from '../shared/i18n.ts';

export const homeText = {
  vi: {
    title: 'Mặt trận số — Nền tảng số của Mặt trận Tổ quốc Việt Nam',
    description:
      'Mặt trận số: cổng thông tin và các ứng dụng số của Mặt trận Tổ quốc Việt Nam — gửi phản ánh, kiến nghị, tra cứu dịch vụ công và pháp luật, báo cáo, theo dõi Đại hội, quản lý đoàn viên, hội viên.',
    heading: 'Mặt trận số',
    lead: 'Nền tảng số của Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội: người dân gửi ý kiến và tra cứu thông tin; cán bộ các cấp báo cáo, tổng hợp và theo dõi công việc trên cùng một hệ thống.',
    heroPrimary: 'Gửi phản ánh, kiến nghị',
    heroSecondary: 'Tra cứu thư viện số',
    citizensHeading: 'Dành cho người dân',
    citizensIntro: 'Không cần tài khoản: gửi ý kiến, tra cứu thông tin và tìm Mặt trận nơi mình sinh sống.',
    cadresHeading: 'Dành cho cán bộ Mặt trận và các tổ chức',
    cadresIntro: 'Cán bộ các cấp, từ thôn, tổ dân phố đến Trung ương, làm việc trên cùng một nền tảng.',
    open: 'Mở ứng dụng',
    ssoHeading: 'Một tài khoản cho mọi ứng dụng',
    ssoBody:
      'Tài khoản Mặt trận số (đăng nhập một lần): cán bộ đăng nhập một lần và sử dụng tất cả các ứng dụng theo đúng phạm vi đơn vị của mình.',
    ssoAction: 'Đăng nhập cán bộ',
  },
  en: {
    title: 'Digital Front (Mặt trận số) — the digital platform of the Vietnam Fatherland Front',
    description:
      'Digital Front: the portal and digital applications of the Vietnam Fatherland Front — send feedback and recommendations, look up public services and laws, reporting, congress monitoring and member management.',
    heading: 'Digital Front',
    lead: 'The digital platform of the Vietnam Fatherland Front and its socio-political organisations: citizens send their views and look up information; cadres at every level report, synthesise and follow their work on one system.',
    heroPrimary: 'Send feedback',
    heroSecondary: 'Search the digital library',
    citizensHeading: 'For citizens',
    citizensIntro: 'No account needed: send your views, look up information and find the Front where you live.',
    cadresHeading: 'For cadres of the Front and the organisations',
    cadresIntro:
      'Cadres at every level, from villages and residential groups to the Central level, work on one platform.',
    open: 'Open',
    ssoHeading: 'One account for every application',
    ssoBody:
      'The Digital Front account (single sign-on): cadres sign in once and use every application within the scope of their own unit.',
    ssoAction: 'Staff sign in',
  },
} satisfies Localized<Record<string, string>>;
