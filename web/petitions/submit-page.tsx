import { useEffect, useState } from 'react';
import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs, Notice } from '../units/ui.tsx';
import { count, fill } from './format.ts';
import { submitText } from './submit-text.ts';

export type CategoryOption = { code: string; name: string; hint: string; deadlineDays: number };

export type SubmitProps = {
  q: string;
  results: { code: string; fullName: string; level: string; parentName: string | null }[] | null;
  unit: { code: string; fullName: string; level: string } | null;
  categories: CategoryOption[];
  values: Record<string, string>;
  errors: Record<string, string>;
  formError: string | null;
  /** The citizen signed in with VNeID, whose verified ID the case will carry. */
  citizen?: { name: string } | null;
  limits: {
    titleMin: number;
    titleMax: number;
    contentMin: number;
    contentMax: number;
    addressMax: number;
    nameMax: number;
    maxFiles: number;
    maxFileSize: string;
  };
};

type Text = (typeof submitText)['vi'];

function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  text: Text;
  children: React.ReactNode;
}) {
  return (
    <div className={props.error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={props.id}>
        {props.label} {props.required && <span className="muted small">{props.text.required}</span>}
      </label>
      {props.hint && (
        <p className="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field__error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      {props.children}
    </div>
  );
}

const describedBy = (id: string, hint: boolean, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function UnitStep({ props, text }: { props: SubmitProps; text: Text }) {
  return (
    <section className="card panel" aria-labelledby="step1">
      <h2 id="step1" className="panel__heading">
        {text.step1}
      </h2>
      {props.errors.unit && <p className="field__error">{props.errors.unit}</p>}
      <form method="get" action="/phan-anh/gui" className="search-form">
        <label className="field__label" htmlFor="unit-q">
          {text.unitSearch}
        </label>
        <p className="field__hint" id="unit-q-hint">
          {text.step1Hint}
        </p>
        <div className="search-form__row">
          <input
            id="unit-q"
            name="q"
            className="input"
            type="search"
            defaultValue={props.q}
            maxLength={100}
            aria-describedby="unit-q-hint"
          />
          <button type="submit" className="button button--red">
            {text.find}
          </button>
        </div>
      </form>
      {props.results && props.results.length === 0 && <p>{fill(text.noResults, { q: props.q })}</p>}
      {props.results && props.results.length > 0 && (
        <ul className="link-list petition-units" data-testid="unit-results">
          {props.results.map((u) => (
            <li key={u.code}>
              <a href={`/phan-anh/gui?don-vi=${u.code}`}>
                {u.fullName}
                {u.parentName && <span className="muted">, {u.parentName}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/phan-anh/gui?don-vi=VN">{text.central}</a>
      </p>
    </section>
  );
}

function LocateButton({ text }: { text: Text }) {
  // Only with JavaScript and a browser that offers geolocation; the fields work without it.
  const [available, setAvailable] = useState(false);
  useEffect(() => setAvailable(typeof navigator !== 'undefined' && 'geolocation' in navigator), []);
  if (!available) return null;
  return (
    <button
      type="button"
      className="button button--outline button--small"
      onClick={() =>
        navigator.geolocation.getCurrentPosition((pos) => {
          const lat = document.getElementById('latitude') as HTMLInputElement | null;
          const lon = document.getElementById('longitude') as HTMLInputElement | null;
          if (lat) lat.value = pos.coords.latitude.toFixed(6);
          if (lon) lon.value = pos.coords.longitude.toFixed(6);
        })
      }
    >
      {text.locate}
    </button>
  );
}

function SubmitForm({ props, text }: { props: SubmitProps & { lang: Lang }; text: Text }) {
  const v = props.values;
  const e = props.errors;
  const l = props.limits;
  const unit = props.unit!;
  const selected = v.category ?? '';
  return (
    <form method="post" action="/phan-anh/gui" encType="multipart/form-data" className="form petition-form" noValidate>
      <input type="hidden" name="unit" value={unit.code} />
      <section className="card panel" aria-labelledby="chosen">
        <h2 id="chosen" className="panel__heading">
          {text.chosen}
        </h2>
        <p data-testid="chosen-unit">
          <strong>{unit.fullName}</strong> · <a href="/phan-anh/gui">{text.change}</a>
        </p>
      </section>
      <section className="card panel" aria-labelledby="step2">
        <h2 id="step2" className="panel__heading">
          {text.step2}
        </h2>
        <fieldset className={e.category ? 'field field--invalid' : 'field'}>
          <legend className="field__label">
            {text.category} <span className="muted small">{text.required}</span>
          </legend>
          {e.category && <p className="field__error">{e.category}</p>}
          <div className="choices petition-categories">
            {props.categories.map((c) => (
              <label key={c.code} className="choice petition-category">
                <input type="radio" name="category" value={c.code} defaultChecked={selected === c.code} required />
                <span>
                  <strong>{c.name}</strong>
                  <span className="field__hint">
                    {c.hint} ({fill(text.deadline, { n: c.deadlineDays })})
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          id="title"
          label={text.titleField}
          hint={fill(text.titleHint, { min: l.titleMin, max: l.titleMax })}
          error={e.title}
          required
          text={text}
        >
          <input
            id="title"
            name="title"
            className="input"
            required
            minLength={l.titleMin}
            maxLength={l.titleMax}
            defaultValue={v.title ?? ''}
            aria-invalid={e.title ? true : undefined}
            aria-describedby={describedBy('title', true, e.title)}
          />
        </Field>
        <Field
          id="content"
          label={text.content}
          hint={fill(text.contentHint, { min: l.contentMin, max: count(l.contentMax, props.lang) })}
          error={e.content}
          required
          text={text}
        >
          <textarea
            id="content"
            name="content"
            className="input"
            rows={8}
            required
            minLength={l.contentMin}
            maxLength={l.contentMax}
            defaultValue={v.content ?? ''}
            aria-invalid={e.content ? true : undefined}
            aria-describedby={describedBy('content', true, e.content)}
          />
        </Field>
        <Field
          id="address"
          label={text.address}
          hint={fill(text.addressHint, { max: l.addressMax })}
          error={e.address}
          text={text}
        >
          <input
            id="address"
            name="address"
            className="input"
            maxLength={l.addressMax}
            defaultValue={v.address ?? ''}
            aria-describedby={describedBy('address', true, e.address)}
          />
        </Field>
        <fieldset className={e.location ? 'field field--invalid' : 'field'}>
          <legend className="field__label">{text.location}</legend>
          <p className="field__hint">{text.locationHint}</p>
          {e.location && <p className="field__error">{e.location}</p>}
          <div className="petition-coords">
            <label htmlFor="latitude">
              {text.latitude}
              <input
                id="latitude"
                name="latitude"
                className="input"
                inputMode="decimal"
                maxLength={14}
                defaultValue={v.latitude ?? ''}
              />
            </label>
            <label htmlFor="longitude">
              {text.longitude}
              <input
                id="longitude"
                name="longitude"
                className="input"
                inputMode="decimal"
                maxLength={14}
                defaultValue={v.longitude ?? ''}
              />
            </label>
          </div>
          <LocateButton text={text} />
        </fieldset>
        <Field
          id="files"
          label={text.files}
          hint={fill(text.filesHint, { n: l.maxFiles, size: l.maxFileSize })}
          error={e.files}
          text={text}
        >
          <input
            id="files"
            name="files"
            type="file"
            className="input"
            multiple
            accept="image/jpeg,image/png,application/pdf"
            aria-describedby={describedBy('files', true, e.files)}
          />
        </Field>
        <label className="choice">
          <input type="checkbox" name="photosPublic" defaultChecked={v.photosPublic === 'on'} /> {text.photosPublic}
        </label>
      </section>
      <section className="card panel" aria-labelledby="step3">
        <h2 id="step3" className="panel__heading">
          {text.step3}
        </h2>
        <p className="field__hint">{text.contactHint}</p>
        <Field id="name" label={text.name} error={e.name} required text={text}>
          <input
            id="name"
            name="name"
            className="input"
            autoComplete="name"
            required
            maxLength={l.nameMax}
            defaultValue={v.name ?? ''}
            aria-invalid={e.name ? true : undefined}
            aria-describedby={describedBy('name', false, e.name)}
          />
        </Field>
        <Field id="phone" label={text.phone} hint={text.phoneHint} error={e.phone} required text={text}>
          <input
            id="phone"
            name="phone"
            className="input"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            required
            maxLength={20}
            defaultValue={v.phone ?? ''}
            aria-invalid={e.phone ? true : undefined}
            aria-describedby={describedBy('phone', true, e.phone)}
          />
        </Field>
        <Field id="email" label={text.email} error={e.email} text={text}>
          <input
            id="email"
            name="email"
            className="input"
            type="email"
            autoComplete="email"
            maxLength={254}
            defaultValue={v.email ?? ''}
            aria-invalid={e.email ? true : undefined}
            aria-describedby={describedBy('email', false, e.email)}
          />
        </Field>
        <label className="choice">
          <input type="checkbox" name="hideName" defaultChecked={v.hideName === 'on'} /> {text.hideName}
        </label>
        <div className={e.consent ? 'field field--invalid' : 'field'}>
          {e.consent && <p className="field__error">{e.consent}</p>}
          <label className="choice">
            <input type="checkbox" name="consent" required defaultChecked={v.consent === 'on'} /> {text.consent}
          </label>
        </div>
        <div className="petition-honeypot" aria-hidden="true">
          <label htmlFor="website">{text.honeypot}</label>
          <input id="website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <button type="submit" className="button button--red button--block">
          {text.submit}
        </button>
      </section>
    </form>
  );
}

function SubmitPage(props: SubmitProps & { lang: Lang }) {
  const text = submitText[props.lang];
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <div className="container page narrow-page">
      <Breadcrumbs label={text.crumbs} items={[{ href: '/phan-anh', label: text.home }, { label: text.heading }]} />
      <h1 className="page-heading">{text.heading}</h1>
      <p className="lead">{text.lead}</p>
      {props.citizen && (
        <Notice kind="info">
          {fill(text.signedIn, { name: props.citizen.name })} <a href="/phan-anh/cua-toi">{text.myCases}</a>
        </Notice>
      )}
      {props.formError && <Notice kind="error">{props.formError}</Notice>}
      {!props.formError && hasErrors && <Notice kind="error">{text.fixErrors}</Notice>}
      {props.unit ? <SubmitForm props={props} text={text} /> : <UnitStep props={props} text={text} />}
      <p>
        <a href="/phan-anh/tra-cuu">{text.track}</a>
      </p>
    </div>
  );
}

export const submitPage: PageDefinition<SubmitProps> = {
  Component: SubmitPage,
  meta: (_p, lang) => ({ title: submitText[lang].title, description: submitText[lang].description }),
};

export type SubmittedProps = { code: string; unitName: string; signedIn?: boolean };

function SubmittedPage({ code, unitName, signedIn, lang }: SubmittedProps & { lang: Lang }) {
  const text = submitText[lang];
  return (
    <div className="container page narrow-page">
      <h1 className="page-heading">{text.doneHeading}</h1>
      <Notice kind="success">{fill(text.doneLead, { unit: unitName })}</Notice>
      <p className="petition-code-label">{text.codeLabel}</p>
      <p className="petition-code" data-testid="tracking-code">
        {code}
      </p>
      <p className="muted">{text.doneSms}</p>
      <form method="get" action="/phan-anh/tra-cuu">
        <input type="hidden" name="ma" value={code} />
        <button type="submit" className="button button--red">
          {text.trackNow}
        </button>
      </form>
      {signedIn && (
        <p>
          <a href="/phan-anh/cua-toi">{text.myCases}</a>
        </p>
      )}
    </div>
  );
}

export const submittedPage: PageDefinition<SubmittedProps> = {
  Component: SubmittedPage,
  meta: (_p, lang) => ({ title: submitText[lang].doneTitle, description: submitText[lang].description }),
};
