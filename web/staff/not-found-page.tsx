import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffAccount } from './account.ts';
import { StaffFrame } from './staff-frame.tsx';

export type NotFoundProps = { account: StaffAccount | null };

const text = {
  vi: {
    title: 'Không tìm thấy trang',
    body: 'Trang bạn tìm không tồn tại hoặc nằm ngoài phạm vi được phép xem. Hãy kiểm tra lại đường dẫn.',
    home: 'Về trang chủ',
    staffHome: 'Về trang tổng quan',
    directory: 'Danh bạ đơn vị',
  },
  en: {
    title: 'Page not found',
    body: 'The page you are looking for does not exist or is outside what you may see. Check the address.',
    home: 'Back to the home page',
    staffHome: 'Back to the overview',
    directory: 'Unit directory',
  },
};

/** 404 in the shell of whoever asked: the staff shell for a signed-in cadre, the public layout otherwise. */
function NotFoundPage({ account, lang }: NotFoundProps & { lang: Lang }) {
  const t = text[lang];
  return (
    <div className="container narrow-page">
      <p className="status-code" aria-hidden="true">
        404
      </p>
      <h1 className="page-heading">{t.title}</h1>
      <p>{t.body}</p>
      <p className="actions">
        <a className="button button--red" href={account ? '/quan-tri' : '/'}>
          {account ? t.staffHome : t.home}
        </a>
        <a className="button button--outline" href="/don-vi">
          {t.directory}
        </a>
      </p>
    </div>
  );
}

export const notFoundPage: PageDefinition<NotFoundProps> = {
  Component: NotFoundPage,
  Frame: StaffFrame,
  meta: (_p, lang) => ({ title: `${text[lang].title} — ${siteName[lang]}`, description: text[lang].body }),
};
