import { useEffect, useState } from 'react';
import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Notice } from '../units/ui.tsx';
import { ORG_CHOICES, ROLE_CHOICES } from './labels.ts';
import { signInText } from './sign-in-text.ts';

export type UnitOption = { code: string; fullName: string; parentName: string | null };

export type SignInProps = {
  /** The development sign-in is on (config.devLogin); single sign-on is always offered first. */
  enabled: boolean;
  next: string;
  values: { unit: string; orgType: string; roles: string[] };
  errors: { unit?: string; orgType?: string; roles?: string; form?: string };
  /** When the typed unit matched several units: choose one. */
  unitChoices: UnitOption[];
  /** Suggestions offered before anything is typed (the 34 provinces). */
  suggestions: UnitOption[];
  signedOut: boolean;
};

/** Suggestions from the units search as the cadre types (progressive enhancement of the datalist). */
function useUnitSuggestions(initial: UnitOption[], query: string): UnitOption[] {
  const [options, setOptions] = useState(initial);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2 || /^\d+$/.test(q)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/units/search?limit=10&q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((res) => (res.ok ? res.json() : { items: [] }))
        .then((body: { items: { code: string; fullName: string }[] }) =>
          setOptions(body.items.map((u) => ({ code: u.code, fullName: u.fullName, parentName: null }))),
        )
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return options;
}

function SignInPage(props: SignInProps & { lang: Lang }) {
  const { lang, values, errors } = props;
  const text = signInText[lang];
  const [unit, setUnit] = useState(values.unit);
  const suggestions = useUnitSuggestions(props.suggestions, unit);
  const sso = (
    <>
      <p className="lead">{text.ssoLead}</p>
      {props.signedOut && <Notice kind="success">{text.signedOut}</Notice>}
      <p>
        <a
          className="button button--red button--block"
          href={`/apps/csdl/login?next=${encodeURIComponent(props.next)}`}
          data-testid="sso-login"
        >
          {text.sso}
        </a>
      </p>
    </>
  );
  if (!props.enabled) {
    return (
      <div className="container narrow-page">
        <h1 className="page-heading">{text.heading}</h1>
        {sso}
      </div>
    );
  }
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="container narrow-page">
      <h1 className="page-heading">{text.heading}</h1>
      {sso}
      <h2 className="section-title">{text.devHeading}</h2>
      <p className="dev-badge" data-testid="dev-badge">
        {text.devBadge}
      </p>
      <p>{text.devLead}</p>
      {hasErrors && (
        <Notice kind="error">
          <p>{errors.form ?? text.errorSummary}</p>
        </Notice>
      )}
      <form method="post" action="/dang-nhap" className="form card" noValidate>
        <input type="hidden" name="next" value={props.next} />
        {props.unitChoices.length > 0 ? (
          <fieldset className="field">
            <legend className="field__label">{text.chooseUnit}</legend>
            {props.unitChoices.map((u, i) => (
              <label key={u.code} className="choice">
                <input type="radio" name="unit" value={u.code} defaultChecked={i === 0} />
                <span>
                  {u.fullName}
                  {u.parentName && <span className="muted"> — {u.parentName}</span>}
                  <span className="muted"> ({u.code})</span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : (
          <div className={errors.unit ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor="unit">
              {text.unit}
            </label>
            <p className="field__hint" id="unit-hint">
              {text.unitHint}
            </p>
            {errors.unit && (
              <p className="field__error" id="unit-error">
                {errors.unit}
              </p>
            )}
            <input
              id="unit"
              name="unit"
              className="input"
              list="unit-options"
              autoComplete="off"
              required
              value={unit}
              onChange={(e) => setUnit(e.target.value)}
              aria-describedby={errors.unit ? 'unit-hint unit-error' : 'unit-hint'}
              aria-invalid={errors.unit ? true : undefined}
            />
            <datalist id="unit-options">
              {suggestions.map((u) => (
                <option key={u.code} value={u.code} label={u.fullName} />
              ))}
            </datalist>
          </div>
        )}
        <div className={errors.orgType ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor="orgType">
            {text.org}
          </label>
          {errors.orgType && <p className="field__error">{errors.orgType}</p>}
          <select id="orgType" name="orgType" className="input" defaultValue={values.orgType}>
            {ORG_CHOICES.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name[lang]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className={errors.roles ? 'field field--invalid' : 'field'}>
          <legend className="field__label">{text.roles}</legend>
          <p className="field__hint">{text.rolesHint}</p>
          {errors.roles && <p className="field__error">{errors.roles}</p>}
          <div className="choices">
            {ROLE_CHOICES.map((r) => (
              <label key={r.code} className="choice">
                <input type="checkbox" name="roles" value={r.code} defaultChecked={values.roles.includes(r.code)} />
                <span>{r.name[lang]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="button button--red button--block">
          {text.submit}
        </button>
      </form>
    </div>
  );
}

export const signInPage: PageDefinition<SignInProps> = {
  Component: SignInPage,
  meta: (_props, lang) => ({
    title: `${signInText[lang].title} — ${siteName[lang]}`,
    description: signInText[lang].description,
  }),
};
