import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Breadcrumbs, Notice } from './ui.tsx';
import type { VillageRow } from './villages-page.tsx';

export type VillageEditProps = StaffProps & {
  village: VillageRow;
  commune: { code: string; fullName: string };
  listHref: string;
  canEdit: boolean;
  types: string[];
  today: string;
  renameForm: { values: { name: string; type: string }; errors: Record<string, string> };
  dissolveForm: { values: { effective: string }; errors: Record<string, string> };
};

const text = {
  vi: {
    crumbs: 'Vị trí',
    overview: 'Tổng quan',
    list: 'Thôn, tổ dân phố',
    renameHeading: 'Đổi tên, đổi loại',
    name: 'Tên',
    type: 'Loại',
    save: 'Lưu thay đổi',
    dissolveHeading: 'Giải thể',
    dissolveLead:
      'Thôn, tổ dân phố và các chi hội, Ban Công tác Mặt trận của nó sẽ ngừng hoạt động từ ngày hiệu lực; thông tin vẫn được lưu trong lịch sử.',
    effective: 'Ngày hiệu lực',
    confirm: 'Tôi xác nhận giải thể {name}.',
    dissolve: 'Giải thể',
    readOnly: 'Bạn chỉ có quyền xem thông tin này.',
    code: 'Mã',
    back: 'Quay lại danh sách',
    errorSummary: 'Chưa lưu được. Hãy kiểm tra các mục được đánh dấu.',
  },
  en: {
    crumbs: 'Breadcrumb',
    overview: 'Overview',
    list: 'Villages',
    renameHeading: 'Rename or change the type',
    name: 'Name',
    type: 'Type',
    save: 'Save changes',
    dissolveHeading: 'Dissolve',
    dissolveLead:
      'The village, its Front Working Committee and branches stop from the effective date; they stay in the history.',
    effective: 'Effective date',
    confirm: 'I confirm dissolving {name}.',
    dissolve: 'Dissolve',
    readOnly: 'You may only read this information.',
    code: 'Code',
    back: 'Back to the list',
    errorSummary: 'Not saved. Check the marked fields.',
  },
};

function VillageEditPage(props: VillageEditProps & { lang: Lang }) {
  const t = text[props.lang];
  const { village, renameForm, dissolveForm } = props;
  return (
    <div className="container page narrow-content">
      <Breadcrumbs
        label={t.crumbs}
        items={[
          { href: '/quan-tri', label: t.overview },
          { href: props.listHref, label: `${t.list} — ${props.commune.fullName}` },
          { label: village.fullName },
        ]}
      />
      <h1 className="page-heading">{village.fullName}</h1>
      <p className="muted">
        {t.code}: {village.code} · {props.commune.fullName}
      </p>
      {!props.canEdit && <Notice kind="info">{t.readOnly}</Notice>}
      {props.canEdit && (
        <>
          <section className="card panel" aria-labelledby="rename-heading">
            <h2 id="rename-heading" className="panel__heading">
              {t.renameHeading}
            </h2>
            {renameForm.errors.form && <Notice kind="error">{renameForm.errors.form}</Notice>}
            <form method="post" action={`/quan-tri/thon/${village.code}/doi-ten`} className="form" noValidate>
              <div className={renameForm.errors.type ? 'field field--invalid' : 'field'}>
                <label className="field__label" htmlFor="type">
                  {t.type}
                </label>
                {renameForm.errors.type && <p className="field__error">{renameForm.errors.type}</p>}
                <select id="type" name="type" className="input" defaultValue={renameForm.values.type}>
                  {props.types.map((ty) => (
                    <option key={ty} value={ty}>
                      {ty}
                    </option>
                  ))}
                </select>
              </div>
              <div className={renameForm.errors.name ? 'field field--invalid' : 'field'}>
                <label className="field__label" htmlFor="name">
                  {t.name}
                </label>
                {renameForm.errors.name && <p className="field__error">{renameForm.errors.name}</p>}
                <input
                  id="name"
                  name="name"
                  className="input"
                  required
                  maxLength={100}
                  defaultValue={renameForm.values.name}
                />
              </div>
              <button type="submit" className="button button--red">
                {t.save}
              </button>
            </form>
          </section>
          <section className="card panel panel--danger" aria-labelledby="dissolve-heading">
            <h2 id="dissolve-heading" className="panel__heading">
              {t.dissolveHeading}
            </h2>
            <p>{t.dissolveLead}</p>
            {dissolveForm.errors.form && <Notice kind="error">{dissolveForm.errors.form}</Notice>}
            <form method="post" action={`/quan-tri/thon/${village.code}/giai-the`} className="form" noValidate>
              <div className={dissolveForm.errors.effective ? 'field field--invalid' : 'field'}>
                <label className="field__label" htmlFor="effective">
                  {t.effective}
                </label>
                {dissolveForm.errors.effective && <p className="field__error">{dissolveForm.errors.effective}</p>}
                <input
                  id="effective"
                  name="effective"
                  type="date"
                  className="input input--date"
                  required
                  defaultValue={dissolveForm.values.effective}
                />
              </div>
              <div className={dissolveForm.errors.confirm ? 'field field--invalid' : 'field'}>
                {dissolveForm.errors.confirm && <p className="field__error">{dissolveForm.errors.confirm}</p>}
                <label className="choice">
                  <input type="checkbox" name="confirm" value="yes" required />
                  <span>{t.confirm.replace('{name}', village.fullName)}</span>
                </label>
              </div>
              <button type="submit" className="button button--outline">
                {t.dissolve}
              </button>
            </form>
          </section>
        </>
      )}
      <p>
        <a href={props.listHref}>← {t.back}</a>
      </p>
    </div>
  );
}

export const villageEditPage: PageDefinition<VillageEditProps> = {
  Component: VillageEditPage,
  Frame: StaffFrame,
  meta: (props, lang) => ({
    title: `${props.village.fullName} — ${props.commune.fullName} — ${siteName[lang]}`,
    description: text[lang].renameHeading,
  }),
};
