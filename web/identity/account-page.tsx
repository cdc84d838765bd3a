import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffAccount } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Notice } from '../units/ui.tsx';

/**
 * One page shape for the account screens (sign-in, second factor, reset, self-service, administration, audit):
 * the server decides the text (already translated), the fields and the tables; the page only lays them out.
 * Plain forms and links, so everything works without JavaScript and at 360 px.
 */
export type AccountField = {
  name: string;
  label: string;
  type: 'text' | 'password' | 'email' | 'tel' | 'hidden' | 'select' | 'checkboxes' | 'file';
  value?: string;
  hint?: string;
  error?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  required?: boolean;
  options?: { value: string; label: string; checked?: boolean }[];
};

export type AccountForm = {
  action: string;
  submit: string;
  fields: AccountField[];
  /** A lighter button (secondary actions such as "use a recovery code"). */
  secondary?: boolean;
  multipart?: boolean;
  method?: 'post' | 'get';
  testId?: string;
};

export type AccountTable = {
  caption: string;
  columns: string[];
  rows: { cells: string[]; actions?: AccountForm[] }[];
  empty: string;
};

export type AccountPageProps = {
  title: string;
  heading: string;
  lead?: string;
  notices: { kind: 'success' | 'error' | 'info'; text: string }[];
  forms: AccountForm[];
  image?: { src: string; alt: string; caption?: string };
  codes?: { heading: string; items: string[] };
  tables?: AccountTable[];
  links: { href: string; text: string; testId?: string }[];
  /** The signed-in cadre: the page is shown in the staff shell; absent on sign-in pages. */
  account?: StaffAccount | null;
};

function Field({ f }: { f: AccountField }) {
  if (f.type === 'hidden') return <input type="hidden" name={f.name} value={f.value ?? ''} />;
  const describedBy = [f.hint ? `${f.name}-hint` : '', f.error ? `${f.name}-error` : ''].filter(Boolean).join(' ');
  const head = (
    <>
      {f.hint && (
        <p className="field__hint" id={`${f.name}-hint`}>
          {f.hint}
        </p>
      )}
      {f.error && (
        <p className="field__error" id={`${f.name}-error`}>
          {f.error}
        </p>
      )}
    </>
  );
  if (f.type === 'checkboxes') {
    return (
      <fieldset className={f.error ? 'field field--invalid' : 'field'}>
        <legend className="field__label">{f.label}</legend>
        {head}
        <div className="choices">
          {(f.options ?? []).map((o) => (
            <label key={o.value} className="choice">
              <input type="checkbox" name={f.name} value={o.value} defaultChecked={o.checked} />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <div className={f.error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={`f-${f.name}`}>
        {f.label}
      </label>
      {head}
      {f.type === 'select' ? (
        <select id={`f-${f.name}`} name={f.name} className="input" defaultValue={f.value}>
          {(f.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={`f-${f.name}`}
          name={f.name}
          type={f.type}
          className="input"
          defaultValue={f.type === 'password' || f.type === 'file' ? undefined : f.value}
          autoComplete={f.autoComplete}
          inputMode={f.inputMode}
          required={f.required}
          aria-describedby={describedBy || undefined}
          aria-invalid={f.error ? true : undefined}
        />
      )}
    </div>
  );
}

function Form({ form, compact }: { form: AccountForm; compact?: boolean }) {
  return (
    <form
      method={form.method ?? 'post'}
      action={form.action}
      className={compact ? 'inline-form' : 'form card'}
      encType={form.multipart ? 'multipart/form-data' : undefined}
      data-testid={form.testId}
      noValidate
    >
      {form.fields.map((f) => (
        <Field key={f.name} f={f} />
      ))}
      <button
        type="submit"
        className={form.secondary ? 'button' : compact ? 'button' : 'button button--red button--block'}
      >
        {form.submit}
      </button>
    </form>
  );
}

function AccountPage(props: AccountPageProps & { lang: Lang }) {
  return (
    <div className={props.tables?.length ? 'container page' : 'container narrow-page'}>
      <h1 className="page-heading">{props.heading}</h1>
      {props.lead && <p className="lead">{props.lead}</p>}
      {props.notices.map((n) => (
        <Notice key={n.text} kind={n.kind}>
          <p>{n.text}</p>
        </Notice>
      ))}
      {props.image && (
        <figure className="qr">
          <img src={props.image.src} alt={props.image.alt} width={220} height={220} />
          {props.image.caption && (
            <figcaption>
              <code>{props.image.caption}</code>
            </figcaption>
          )}
        </figure>
      )}
      {props.codes && (
        <section>
          <h2 className="section-title">{props.codes.heading}</h2>
          <ul className="recovery-codes" data-testid="recovery-codes">
            {props.codes.items.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.forms.map((f) => (
        <Form key={`${f.action}|${f.submit}`} form={f} />
      ))}
      {(props.tables ?? []).map((t) => (
        <div key={t.caption} className="table-wrap">
          <table className="table">
            <caption>{t.caption}</caption>
            <thead>
              <tr>
                {t.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.length === 0 && (
                <tr>
                  <td colSpan={t.columns.length}>{t.empty}</td>
                </tr>
              )}
              {t.rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own here
                <tr key={i}>
                  {r.cells.map((c, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    <td key={j}>{c}</td>
                  ))}
                  {r.actions && (
                    <td>
                      {r.actions.map((a) => (
                        <Form key={`${a.action}|${a.submit}`} form={a} compact />
                      ))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {props.links.length > 0 && (
        <ul className="link-list">
          {props.links.map((l) => (
            <li key={l.href}>
              <a href={l.href} data-testid={l.testId}>
                {l.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const accountPage: PageDefinition<AccountPageProps> = {
  Component: AccountPage,
  meta: (props, lang) => ({ title: `${props.title} — ${siteName[lang]}`, description: props.lead ?? props.heading }),
  Frame: StaffFrame,
};
