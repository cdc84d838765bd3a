import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from './account.ts';
import { StaffApps, StaffFrame } from './staff-frame.tsx';

const text = {
  vi: {
    title: 'Tổng quan',
    greeting: 'Xin chào',
    lead: 'Đây là khu vực làm việc của cán bộ. Chọn một mục để bắt đầu.',
    tasks: 'Công việc',
    units: 'Đơn vị',
    unitsBody: 'Xem cây đơn vị trong phạm vi của bạn, tìm kiếm và xuất Excel.',
    villages: 'Thôn, tổ dân phố',
    villagesBody: 'Lập và cập nhật danh sách thôn, tổ dân phố của xã; nhập từ tệp Excel.',
    adoption: 'Tiến độ lập danh sách thôn',
    adoptionBody: 'Số xã, phường, đặc khu đã lập danh sách thôn, tổ dân phố theo từng tỉnh.',
    apps: 'Các ứng dụng',
  },
  en: {
    title: 'Overview',
    greeting: 'Welcome',
    lead: 'This is the staff work area. Choose an item to start.',
    tasks: 'Tasks',
    units: 'Units',
    unitsBody: 'Browse the units in your scope, search and export to Excel.',
    villages: 'Villages and residential groups',
    villagesBody: 'Create and keep the commune’s village list; import it from an Excel file.',
    adoption: 'Village list progress',
    adoptionBody: 'How many communes, wards and special zones have created their village lists, per province.',
    apps: 'Apps',
  },
};

function StaffHomePage({ account, lang }: StaffProps & { lang: Lang }) {
  const t = text[lang];
  const tasks = [
    { href: '/quan-tri/don-vi', name: t.units, body: t.unitsBody },
    ...(account.unitLevel === 'commune' ? [{ href: '/quan-tri/thon', name: t.villages, body: t.villagesBody }] : []),
    { href: '/quan-tri/tien-do', name: t.adoption, body: t.adoptionBody },
  ];
  return (
    <div className="container page">
      <h1 className="page-heading">
        {t.greeting}, {account.displayName}
      </h1>
      <p className="lead">{t.lead}</p>
      <h2 className="section-title">{t.tasks}</h2>
      <ul className="task-grid">
        {tasks.map((task) => (
          <li key={task.href}>
            <a className="task-card" href={task.href}>
              <span className="task-card__name">{task.name}</span>
              <span className="task-card__body">{task.body}</span>
            </a>
          </li>
        ))}
      </ul>
      <h2 className="section-title">{t.apps}</h2>
      <StaffApps lang={lang} />
    </div>
  );
}

export const staffHomePage: PageDefinition<StaffProps> = {
  Component: StaffHomePage,
  Frame: StaffFrame,
  meta: (_p, lang) => ({ title: `${text[lang].title} — ${siteName[lang]}`, description: text[lang].lead }),
};
