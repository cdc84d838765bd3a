import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Breadcrumbs, formatCount, Notice } from './ui.tsx';
import { villagesText } from './villages-text.ts';

export type VillageRow = { code: string; name: string; type: string; fullName: string; sortOrder: number };
export type ImportRowError = { row: number; column: string | null; message: string };

export type VillagesProps = StaffProps & {
  /** Null when the account is not a commune's and no commune was chosen. */
  commune: { code: string; fullName: string; provinceName: string } | null;
  villages: VillageRow[];
  canEdit: boolean;
  types: string[];
  flash: { code: string; count: number } | null;
  createForm: { values: { name: string; type: string }; errors: Record<string, string> };
  importResult: { ok: false; message: string; rows: ImportRowError[] } | null;
};

type Text = (typeof villagesText)['vi'];

function fill(s: string, params: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

function actionUrl(path: string, commune: string, account: string): string {
  return commune === account ? path : `${path}?xa=${commune}`;
}

function VillageTable({ props, text }: { props: VillagesProps & { lang: Lang }; text: Text }) {
  const { villages, canEdit } = props;
  return (
    <div className="table-wrap">
      <table className="table table--villages" data-testid="village-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              {text.colOrder}
            </th>
            <th scope="col">{text.colName}</th>
            <th scope="col" className="hide-narrow">
              {text.colType}
            </th>
            {canEdit && <th scope="col">{text.colActions}</th>}
          </tr>
        </thead>
        <tbody>
          {villages.map((v, i) => (
            <tr key={v.code} id={`v-${v.code}`}>
              <td className="num">{i + 1}</td>
              <td>{v.fullName}</td>
              <td className="hide-narrow">{v.type}</td>
              {canEdit && (
                <td>
                  <div className="row-actions">
                    <form method="post" action={`/quan-tri/thon/${v.code}/di-chuyen`}>
                      <input type="hidden" name="direction" value="up" />
                      <button
                        type="submit"
                        className="icon-button"
                        disabled={i === 0}
                        aria-label={fill(text.upLabel, { name: v.fullName })}
                        title={text.up}
                      >
                        ↑
                      </button>
                    </form>
                    <form method="post" action={`/quan-tri/thon/${v.code}/di-chuyen`}>
                      <input type="hidden" name="direction" value="down" />
                      <button
                        type="submit"
                        className="icon-button"
                        disabled={i === villages.length - 1}
                        aria-label={fill(text.downLabel, { name: v.fullName })}
                        title={text.down}
                      >
                        ↓
                      </button>
                    </form>
                    <a
                      className="button button--outline button--small"
                      href={`/quan-tri/thon/${v.code}`}
                      aria-label={fill(text.editLabel, { name: v.fullName })}
                    >
                      {text.edit}
                    </a>
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateForm({ props, text }: { props: VillagesProps & { lang: Lang }; text: Text }) {
  const { values, errors } = props.createForm;
  const commune = props.commune!;
  return (
    <section className="card panel" aria-labelledby="add-heading">
      <h2 id="add-heading" className="panel__heading">
        {text.addHeading}
      </h2>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      <form
        method="post"
        action={actionUrl('/quan-tri/thon/them', commune.code, props.account.unitCode)}
        className="form form--inline"
        noValidate
      >
        <div className={errors.type ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor="new-type">
            {text.type}
          </label>
          {errors.type && <p className="field__error">{errors.type}</p>}
          <select id="new-type" name="type" className="input" defaultValue={values.type}>
            {props.types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className={errors.name ? 'field field--grow field--invalid' : 'field field--grow'}>
          <label className="field__label" htmlFor="new-name">
            {text.name}
          </label>
          {errors.name && (
            <p className="field__error" id="new-name-error">
              {errors.name}
            </p>
          )}
          <input
            id="new-name"
            name="name"
            className="input"
            required
            maxLength={100}
            defaultValue={values.name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'new-name-error' : undefined}
          />
        </div>
        <button type="submit" className="button button--red">
          {text.add}
        </button>
      </form>
      <p className="field__hint">{text.nameHint}</p>
    </section>
  );
}

function ImportSection({ props, text }: { props: VillagesProps & { lang: Lang }; text: Text }) {
  const commune = props.commune!;
  const result = props.importResult;
  return (
    <section className="card panel" aria-labelledby="import-heading" id="nhap">
      <h2 id="import-heading" className="panel__heading">
        {text.importHeading}
      </h2>
      <p>{text.importLead}</p>
      {result && !result.ok && (
        <div className="import-errors" data-testid="import-errors">
          <Notice kind="error">
            <p>
              <strong>{text.importFailed}.</strong> {result.message}
            </p>
          </Notice>
          {result.rows.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <caption>{text.rowErrors}</caption>
                <thead>
                  <tr>
                    <th scope="col">{text.colRow}</th>
                    <th scope="col" className="hide-narrow">
                      {text.colColumn}
                    </th>
                    <th scope="col">{text.colProblem}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((r) => (
                    <tr key={`${r.row}-${r.column}-${r.message}`}>
                      <th scope="row">{r.row}</th>
                      <td className="hide-narrow">{r.column ?? ''}</td>
                      <td>{`${fill(text.rowPrefix, { row: r.row })}: ${r.message}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      <p>
        <a
          className="button button--outline"
          href={`/api/units/villages/import-template.xlsx?commune=${commune.code}`}
          download="mau-danh-sach-thon.xlsx"
        >
          {text.template}
        </a>
      </p>
      <form
        method="post"
        action={actionUrl('/quan-tri/thon/nhap', commune.code, props.account.unitCode)}
        encType="multipart/form-data"
        className="form form--inline"
      >
        <div className="field field--grow">
          <label className="field__label" htmlFor="import-file">
            {text.file}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            className="input"
            required
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          />
        </div>
        <button type="submit" className="button button--red">
          {text.importSubmit}
        </button>
      </form>
    </section>
  );
}

function VillagesPage(props: VillagesProps & { lang: Lang }) {
  const { lang, commune, flash } = props;
  const text = villagesText[lang];
  if (!commune) {
    return (
      <div className="container page">
        <h1 className="page-heading">{text.heading}</h1>
        <p className="lead">{text.chooseCommune}</p>
        <a className="button button--red" href="/quan-tri/don-vi">
          {text.openTree}
        </a>
      </div>
    );
  }
  const flashText = flash ? (text as Record<string, string>)[`flash_${flash.code}`] : undefined;
  return (
    <div className="container page">
      <Breadcrumbs
        label={text.crumbs}
        items={[
          { href: '/quan-tri', label: text.overview },
          { label: commune.provinceName },
          { label: commune.fullName },
        ]}
      />
      <h1 className="page-heading">{text.heading}</h1>
      <p className="lead">
        <strong>{commune.fullName}</strong> · {commune.provinceName} ·{' '}
        <span data-testid="village-count">{fill(text.count, { n: formatCount(props.villages.length, lang) })}</span>
      </p>
      {flashText && <Notice kind="success">{fill(flashText, { n: formatCount(flash?.count ?? 0, lang) })}</Notice>}
      {!props.canEdit && <Notice kind="info">{text.readOnly}</Notice>}
      <div className="editor-layout">
        <div className="editor-layout__list">
          {props.villages.length ? <VillageTable props={props} text={text} /> : <p className="empty">{text.empty}</p>}
        </div>
        {props.canEdit && (
          <div className="editor-layout__side">
            <CreateForm props={props} text={text} />
            <ImportSection props={props} text={text} />
          </div>
        )}
      </div>
    </div>
  );
}

export const villagesPage: PageDefinition<VillagesProps> = {
  Component: VillagesPage,
  Frame: StaffFrame,
  meta: (props, lang) => ({
    title: `${villagesText[lang].title}${props.commune ? ` — ${props.commune.fullName}` : ''} — ${siteName[lang]}`,
    description: villagesText[lang].description,
  }),
};
