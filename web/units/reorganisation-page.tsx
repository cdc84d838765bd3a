import type { ReactNode } from 'react';
import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { fill, formatIsoDate } from './directory-text.ts';
import { type UnitHistory, UnitHistorySection } from './history-section.tsx';
import { type ReorganisationText, reorganisationText } from './reorganisation-text.ts';
import { Breadcrumbs, formatCount, Notice } from './ui.tsx';

export type ReorgTab = 'hop-nhat' | 'chia-tach' | 'chuyen-cap-tren' | 'doi-loai';

type UnitState = {
  code: string;
  fullName: string;
  level: string;
  parentName: string | null;
  children: number;
  villages: number;
};

export type ReorgPreview = {
  before: UnitState[];
  after: (UnitState & { isNew: boolean })[];
  ended: { code: string; fullName: string; successors: string[] }[];
  transfers: { level: string; count: number; villages: number; fromName: string; toName: string }[];
  effective: string;
  legalBasis: string;
};

export type ReorgProps = StaffProps & {
  tab: ReorgTab;
  /** The unit the page was opened for (pre-filled in the forms, its history shown). */
  unit: { code: string; fullName: string; level: string; treeHref: string } | null;
  tabHrefs: Record<ReorgTab, string>;
  action: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  parts: number;
  types: { province: string[]; commune: string[] };
  /** The chosen unit's children, listed beside the split form. */
  children: { code: string; fullName: string }[];
  preview: ReorgPreview | null;
  done: { tab: ReorgTab } | null;
  history: UnitHistory | null;
};

const TAB_KEYS: Record<ReorgTab, 'merge' | 'split' | 'move' | 'type'> = {
  'hop-nhat': 'merge',
  'chia-tach': 'split',
  'chuyen-cap-tren': 'move',
  'doi-loai': 'type',
};
const TAB_ORDER: ReorgTab[] = ['hop-nhat', 'chia-tach', 'chuyen-cap-tren', 'doi-loai'];

type Ctx = { props: ReorgProps & { lang: Lang }; t: ReorganisationText };

function Field(props: { ctx: Ctx; name: string; label: string; hint?: string; children: ReactNode }) {
  const error = props.ctx.props.errors[props.name];
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={`f-${props.name}`}>
        {props.label}
      </label>
      {props.hint && <p className="field__hint">{props.hint}</p>}
      {error && (
        <p className="field__error" id={`e-${props.name}`}>
          {error}
        </p>
      )}
      {props.children}
    </div>
  );
}

function TextInput({ ctx, name, maxLength = 100 }: { ctx: Ctx; name: string; maxLength?: number }) {
  const error = ctx.props.errors[name];
  return (
    <input
      id={`f-${name}`}
      name={name}
      className="input"
      maxLength={maxLength}
      defaultValue={ctx.props.values[name] ?? ''}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `e-${name}` : undefined}
    />
  );
}

function TypeSelect({ ctx, name, levels }: { ctx: Ctx; name: string; levels: ('province' | 'commune')[] }) {
  const { t, props } = ctx;
  return (
    <select id={`f-${name}`} name={name} className="input" defaultValue={props.values[name] ?? ''}>
      <option value="">{t.chooseType}</option>
      {levels.map((level) => (
        <optgroup key={level} label={level === 'province' ? t.provinceTypes : t.communeTypes}>
          {props.types[level].map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

function typeLevels(unitLevel: string | undefined): ('province' | 'commune')[] {
  if (unitLevel === 'province') return ['province'];
  if (unitLevel === 'commune') return ['commune'];
  return ['commune', 'province'];
}

function BasisFields({ ctx }: { ctx: Ctx }) {
  const { t, props } = ctx;
  return (
    <>
      <Field ctx={ctx} name="effective" label={t.effective}>
        <input
          id="f-effective"
          name="effective"
          type="date"
          className="input input--date"
          defaultValue={props.values.effective ?? ''}
        />
      </Field>
      <Field ctx={ctx} name="legalBasis" label={t.legalBasis} hint={t.legalBasisHint}>
        <TextInput ctx={ctx} name="legalBasis" maxLength={300} />
      </Field>
    </>
  );
}

function MergeFields({ ctx }: { ctx: Ctx }) {
  const { t, props } = ctx;
  const into = props.values.into === 'new' ? 'new' : 'existing';
  return (
    <>
      <Field ctx={ctx} name="sources" label={t.sources} hint={t.sourcesHint}>
        <textarea id="f-sources" name="sources" className="input" rows={4} defaultValue={props.values.sources ?? ''} />
      </Field>
      <fieldset className="field">
        <legend className="field__label">{t.into}</legend>
        <label className="choice">
          <input type="radio" name="into" value="existing" defaultChecked={into === 'existing'} />
          <span>{t.intoExisting}</span>
        </label>
        <div className="reorg-indent">
          <Field ctx={ctx} name="intoUnit" label={t.intoUnit} hint={t.intoUnitHint}>
            <TextInput ctx={ctx} name="intoUnit" />
          </Field>
        </div>
        <label className="choice">
          <input type="radio" name="into" value="new" defaultChecked={into === 'new'} />
          <span>{t.intoNew}</span>
        </label>
        <div className="reorg-indent">
          <p className="field__hint">{`${t.newCodeHint} ${t.newNameHint}`}</p>
        </div>
        <div className="reorg-indent reorg-grid">
          <Field ctx={ctx} name="newCode" label={t.newCode}>
            <TextInput ctx={ctx} name="newCode" maxLength={9} />
          </Field>
          <Field ctx={ctx} name="newName" label={t.newName}>
            <TextInput ctx={ctx} name="newName" />
          </Field>
          <Field ctx={ctx} name="newType" label={t.type}>
            <TypeSelect ctx={ctx} name="newType" levels={typeLevels(props.unit?.level)} />
          </Field>
        </div>
      </fieldset>
    </>
  );
}

function SplitFields({ ctx }: { ctx: Ctx }) {
  const { t, props } = ctx;
  const rows = Array.from({ length: props.parts }, (_, i) => i + 1);
  return (
    <>
      <Field ctx={ctx} name="source" label={t.source} hint={t.unitHint}>
        <TextInput ctx={ctx} name="source" />
      </Field>
      {props.unit && props.children.length > 0 && (
        <details className="reorg-children">
          <summary>{fill(t.childrenOf, { name: props.unit.fullName, n: props.children.length })}</summary>
          <ul>
            {props.children.map((c) => (
              <li key={c.code}>
                {c.fullName} <span className="muted">{`(${c.code})`}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {props.errors.parts && <p className="field__error">{props.errors.parts}</p>}
      <input type="hidden" name="partCount" value={props.parts} />
      {rows.map((n) => (
        <fieldset key={n} className="field reorg-part">
          <legend className="field__label">{fill(t.part, { n })}</legend>
          <div className="reorg-grid">
            <Field ctx={ctx} name={`part${n}Code`} label={t.partCode}>
              <TextInput ctx={ctx} name={`part${n}Code`} maxLength={9} />
            </Field>
            <Field ctx={ctx} name={`part${n}Name`} label={t.partName}>
              <TextInput ctx={ctx} name={`part${n}Name`} />
            </Field>
            <Field ctx={ctx} name={`part${n}Type`} label={t.type}>
              <TypeSelect ctx={ctx} name={`part${n}Type`} levels={typeLevels(props.unit?.level)} />
            </Field>
          </div>
          <Field ctx={ctx} name={`part${n}Children`} label={t.partChildren} hint={t.partChildrenHint}>
            <textarea
              id={`f-part${n}Children`}
              name={`part${n}Children`}
              className="input"
              rows={2}
              defaultValue={props.values[`part${n}Children`] ?? ''}
            />
          </Field>
        </fieldset>
      ))}
    </>
  );
}

function OperationForm({ ctx }: { ctx: Ctx }) {
  const { t, props } = ctx;
  const key = TAB_KEYS[props.tab];
  return (
    <section className="card panel" aria-labelledby="reorg-form-heading">
      <h2 id="reorg-form-heading" className="panel__heading">
        {t[`heading_${key}`]}
      </h2>
      <p className="muted">{t[`help_${key}`]}</p>
      {Object.keys(props.errors).length > 0 && (
        <Notice kind="error">
          <p>{t.errorSummary}</p>
          <ul data-testid="reorg-errors">
            {Object.entries(props.errors).map(([field, message]) => (
              <li key={field}>
                {field === 'form' ? message : <a href={`#f-${field === 'parts' ? 'source' : field}`}>{message}</a>}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <form method="post" action={props.action} className="form" noValidate data-testid="reorg-form">
        {key === 'merge' && <MergeFields ctx={ctx} />}
        {key === 'split' && <SplitFields ctx={ctx} />}
        {(key === 'move' || key === 'type') && (
          <Field ctx={ctx} name="unit" label={t.unit} hint={t.unitHint}>
            <TextInput ctx={ctx} name="unit" />
          </Field>
        )}
        {key === 'move' && (
          <Field ctx={ctx} name="newParent" label={t.newParent} hint={t.newParentHint}>
            <TextInput ctx={ctx} name="newParent" />
          </Field>
        )}
        {key === 'type' && (
          <Field ctx={ctx} name="type" label={t.newType}>
            <TypeSelect ctx={ctx} name="type" levels={typeLevels(props.unit?.level)} />
          </Field>
        )}
        <BasisFields ctx={ctx} />
        {/* Preview comes first: it is the button Enter presses. */}
        <p className="actions">
          <button type="submit" name="step" value="preview" className="button button--red">
            {t.previewButton}
          </button>
          {key === 'split' && (
            <button type="submit" name="step" value="add-part" className="button button--outline">
              {t.addPart}
            </button>
          )}
        </p>
      </form>
    </section>
  );
}

function UnitLine({ u, ctx }: { u: UnitState & { isNew?: boolean }; ctx: Ctx }) {
  const { t, props } = ctx;
  const childKey = u.level === 'province' ? 'childCount_province' : 'childCount_commune';
  return (
    <li>
      <strong>{u.fullName}</strong> <span className="muted">{`(${u.code})`}</span>
      {u.isNew && <span className="reorg-badge">{t.isNew}</span>}
      <br />
      <span className="muted">
        {u.parentName ? `${fill(t.parentOf, { name: u.parentName })} · ` : ''}
        {fill(t[childKey], { n: formatCount(u.children, props.lang) })}
        {u.level === 'province' ? ` · ${fill(t.villageCount, { n: formatCount(u.villages, props.lang) })}` : ''}
      </span>
    </li>
  );
}

function Preview({ ctx, preview }: { ctx: Ctx; preview: ReorgPreview }) {
  const { t, props } = ctx;
  const n = (x: number) => formatCount(x, props.lang);
  return (
    <section className="card panel reorg-preview" aria-labelledby="preview-heading" data-testid="reorg-preview">
      <h2 id="preview-heading" className="panel__heading">
        {t.previewHeading}
      </h2>
      <Notice kind="info">{t.previewLead}</Notice>
      <p>
        <strong>{fill(t.previewBasis, { date: formatIsoDate(preview.effective), basis: preview.legalBasis })}</strong>
      </p>
      <div className="reorg-compare">
        <div>
          <h3 className="reorg-compare__heading">{t.before}</h3>
          <ul className="reorg-units">
            {preview.before.map((u) => (
              <UnitLine key={u.code} u={u} ctx={ctx} />
            ))}
          </ul>
        </div>
        <div>
          <h3 className="reorg-compare__heading">{t.after}</h3>
          <ul className="reorg-units">
            {preview.after.map((u) => (
              <UnitLine key={u.code} u={u} ctx={ctx} />
            ))}
          </ul>
        </div>
      </div>
      {preview.ended.length > 0 && (
        <>
          <h3 className="reorg-compare__heading">{t.ended}</h3>
          <ul className="reorg-units">
            {preview.ended.map((e) => (
              <li key={e.code}>
                {fill(t.endedInto, { name: `${e.fullName} (${e.code})`, successors: e.successors.join(', ') })}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="reorg-compare__heading">{t.transfers}</h3>
      {preview.transfers.length ? (
        <ul className="reorg-units" data-testid="reorg-transfers">
          {preview.transfers.map((m) => (
            <li key={`${m.level}|${m.fromName}|${m.toName}`}>
              {fill(
                m.level === 'village'
                  ? t.transfer_village
                  : m.level === 'commune'
                    ? t.transfer_commune
                    : t.transfer_province,
                { n: n(m.count), villages: n(m.villages), from: m.fromName, to: m.toName },
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noTransfers}</p>
      )}
      <form method="post" action={props.action} data-testid="reorg-confirm">
        {Object.entries(props.values)
          .filter(([k]) => k !== 'step')
          .map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
        <button type="submit" name="step" value="confirm" className="button button--red">
          {t.confirm}
        </button>
      </form>
    </section>
  );
}

function ReorganisationPage(props: ReorgProps & { lang: Lang }) {
  const t = reorganisationText[props.lang];
  const ctx: Ctx = { props, t };
  const { unit } = props;
  return (
    <div className="container page narrow-content reorg-page">
      <Breadcrumbs
        label={t.crumbs}
        items={[
          { href: '/quan-tri', label: t.overview },
          { href: unit ? unit.treeHref : '/quan-tri/don-vi', label: unit ? unit.fullName : t.units },
          { label: t.title },
        ]}
      />
      <h1 className="page-heading">{t.title}</h1>
      {unit && <p className="muted">{fill(t.chosen, { name: unit.fullName, code: unit.code })}</p>}
      {props.done && unit && (
        <Notice kind="success">
          <p>{fill(t[`done_${TAB_KEYS[props.done.tab]}`], { name: unit.fullName })}</p>
          <p>
            <a href={unit.treeHref} data-testid="reorg-tree-link">
              {fill(t.openTree, { name: unit.fullName })}
            </a>
          </p>
        </Notice>
      )}
      {/* Just after a change, its result comes first: the unit's history with the new entry. */}
      {props.done && unit && props.history && (
        <UnitHistorySection lang={props.lang} history={props.history} name={unit.fullName} />
      )}
      <p>{t.lead}</p>
      <nav className="reorg-tabs" aria-label={t.tabs}>
        {TAB_ORDER.map((tab) => (
          <a key={tab} href={props.tabHrefs[tab]} aria-current={tab === props.tab ? 'page' : undefined}>
            {t[`tab_${TAB_KEYS[tab]}`]}
          </a>
        ))}
      </nav>
      {props.preview && <Preview ctx={ctx} preview={props.preview} />}
      <OperationForm ctx={ctx} />
      {!props.done && unit && props.history && (
        <UnitHistorySection lang={props.lang} history={props.history} name={unit.fullName} />
      )}
    </div>
  );
}

export const reorganisationPage: PageDefinition<ReorgProps> = {
  Component: ReorganisationPage,
  Frame: StaffFrame,
  meta: (props, lang) => ({
    title: `${reorganisationText[lang].title}${props.unit ? `: ${props.unit.fullName}` : ''} — ${siteName[lang]}`,
    description: reorganisationText[lang].description,
  }),
};
