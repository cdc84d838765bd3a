import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Breadcrumbs, Notice } from '../units/ui.tsx';

export type DeadlinesProps = StaffProps & {
  categories: { code: string; name: string; deadlineDays: number }[];
  /** What was typed in a refused form, by category code. */
  values: Record<string, string>;
  errors: Record<string, string>;
  flash: 'saved' | 'unchanged' | null;
  min: number;
  max: number;
};

const text = {
  vi: {
    crumbs: 'Vị trí',
    inbox: 'Phản ánh, kiến nghị',
    title: 'Thời hạn xử lý theo lĩnh vực',
    lead: 'Số ngày làm việc (không tính thứ Bảy, Chủ nhật và ngày lễ) để cơ quan có thẩm quyền trả lời, tính từ ngày Mặt trận chuyển phản ánh. Áp dụng cho phản ánh chuyển từ nay về sau trên cả nước.',
    category: 'Lĩnh vực',
    days: 'Số ngày làm việc',
    hint: 'từ {min} đến {max} ngày.',
    save: 'Lưu thời hạn',
    saved: 'Đã lưu thời hạn mới.',
    unchanged: 'Không có thời hạn nào thay đổi.',
    error: 'Chưa lưu được. Hãy sửa các ô được đánh dấu.',
  },
  en: {
    crumbs: 'Breadcrumb',
    inbox: 'Feedback',
    title: 'Handling deadlines by category',
    lead: 'Working days (weekends and public holidays excluded) for the competent authority to answer, counted from the day the Front forwards the case. Applies to cases forwarded from now on, nationwide.',
    category: 'Category',
    days: 'Working days',
    hint: 'from {min} to {max} days.',
    save: 'Save deadlines',
    saved: 'The new deadlines were saved.',
    unchanged: 'No deadline changed.',
    error: 'Not saved. Correct the marked fields.',
  },
};

function DeadlinesPage(props: DeadlinesProps & { lang: Lang }) {
  const t = text[props.lang];
  const hint = t.hint.replace('{min}', String(props.min)).replace('{max}', String(props.max));
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <div className="container page narrow-content petition-deadlines">
      <Breadcrumbs label={t.crumbs} items={[{ href: '/quan-tri/phan-anh', label: t.inbox }, { label: t.title }]} />
      <h1 className="page-heading">{t.title}</h1>
      <p className="muted">{t.lead}</p>
      {props.flash && <Notice kind="success">{t[props.flash]}</Notice>}
      {hasErrors && <Notice kind="error">{t.error}</Notice>}
      <form method="post" action="/quan-tri/phan-anh/thoi-han" className="form card panel" noValidate>
        <p className="field__hint" id="deadline-hint">
          {t.days}, {hint}
        </p>
        {props.categories.map((c) => {
          const error = props.errors[c.code];
          const id = `days_${c.code}`;
          return (
            <div key={c.code} className={error ? 'field field--invalid petition-deadline' : 'field petition-deadline'}>
              <label className="field__label" htmlFor={id}>
                {c.name}
              </label>
              {error && (
                <p className="field__error" id={`${id}-error`}>
                  {error}
                </p>
              )}
              <input
                id={id}
                name={id}
                type="number"
                inputMode="numeric"
                min={props.min}
                max={props.max}
                step={1}
                required
                className="input petition-deadline__input"
                defaultValue={props.values[c.code] ?? String(c.deadlineDays)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `deadline-hint ${id}-error` : 'deadline-hint'}
              />
            </div>
          );
        })}
        <button type="submit" className="button button--red">
          {t.save}
        </button>
      </form>
    </div>
  );
}

export const deadlinesPage: PageDefinition<DeadlinesProps> = {
  Component: DeadlinesPage,
  Frame: StaffFrame,
  meta: (_p, lang) => ({ title: text[lang].title, description: text[lang].lead }),
};
