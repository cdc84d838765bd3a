import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs } from '../units/ui.tsx';
import { vnDate } from './format.ts';

/** A published case as the public sees it: redacted texts, no contact details, the name only if not hidden. */
export type PublicCaseView = {
  id: number;
  href: string;
  title: string;
  content: string;
  answer: string;
  status: string;
  statusLabel: string;
  category: string;
  unitName: string;
  provinceName: string | null;
  senderName: string | null;
  receivedAt: string;
  answeredAt: string | null;
  answeredBy: string | null;
  rating: number | null;
  photos: { src: string; width: number | null; height: number | null }[];
};

export const caseText = {
  vi: {
    home: 'Phản ánh, kiến nghị',
    sender: 'Người gửi',
    anonymous: 'Người gửi đề nghị ẩn danh',
    unit: 'Nơi nhận',
    category: 'Lĩnh vực',
    received: 'Ngày gửi',
    answered: 'Ngày trả lời',
    status: 'Trạng thái',
    content: 'Nội dung',
    answer: 'Trả lời',
    answeredBy: 'Cơ quan trả lời',
    rating: 'Mức độ hài lòng',
    photos: 'Hình ảnh',
    photo: 'Ảnh {n} kèm phản ánh',
  },
  en: {
    home: 'Feedback',
    sender: 'Sender',
    anonymous: 'The sender asked not to be named',
    unit: 'Sent to',
    category: 'Category',
    received: 'Sent on',
    answered: 'Answered on',
    status: 'Status',
    content: 'Feedback',
    answer: 'Answer',
    answeredBy: 'Answered by',
    rating: 'Satisfaction',
    photos: 'Photos',
    photo: 'Photo {n} of the case',
  },
};

function CasePage({ case: c, lang }: { case: PublicCaseView } & { lang: Lang }) {
  const t = caseText[lang];
  return (
    <div className="container page narrow-page">
      <Breadcrumbs
        label={lang === 'vi' ? 'Vị trí' : 'You are here'}
        items={[{ href: '/phan-anh', label: t.home }, { label: c.title }]}
      />
      <article data-testid="public-case">
        <h1 className="page-heading">{c.title}</h1>
        <dl className="facts">
          <div>
            <dt>{t.sender}</dt>
            <dd>{c.senderName ?? t.anonymous}</dd>
          </div>
          <div>
            <dt>{t.unit}</dt>
            <dd>
              {c.unitName}
              {c.provinceName && c.provinceName !== c.unitName ? `, ${c.provinceName}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t.category}</dt>
            <dd>{c.category}</dd>
          </div>
          <div>
            <dt>{t.received}</dt>
            <dd>{vnDate(c.receivedAt)}</dd>
          </div>
          <div>
            <dt>{t.status}</dt>
            <dd>{c.statusLabel}</dd>
          </div>
          {c.rating != null && (
            <div>
              <dt>{t.rating}</dt>
              <dd>{c.rating}/5</dd>
            </div>
          )}
        </dl>
        <h2 className="section-title">{t.content}</h2>
        <p className="petition-text">{c.content}</p>
        {c.photos.length > 0 && (
          <section aria-label={t.photos} className="petition-photos">
            {c.photos.map((p, i) => (
              <img
                key={p.src}
                src={p.src}
                alt={t.photo.replace('{n}', String(i + 1))}
                width={p.width ?? undefined}
                height={p.height ?? undefined}
                loading="lazy"
              />
            ))}
          </section>
        )}
        <h2 className="section-title">{t.answer}</h2>
        <p className="muted small">
          {c.answeredBy && `${t.answeredBy}: ${c.answeredBy}`}
          {c.answeredAt && ` · ${t.answered}: ${vnDate(c.answeredAt)}`}
        </p>
        <p className="petition-text">{c.answer}</p>
      </article>
    </div>
  );
}

export const casePage: PageDefinition<{ case: PublicCaseView }> = {
  Component: CasePage,
  meta: (p, lang) => ({ title: p.case.title, description: `${p.case.unitName} — ${p.case.category} (${lang})` }),
};
