import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Notice } from '../units/ui.tsx';
import { fmtInstant, ORG_NAMES, STATUS_NAMES, weekText } from './reports-text.ts';

export type EntryField = { key: string; kind: 'number' | 'text'; label: string; required: boolean };

export type EntryProps = StaffProps & {
  unitCode: string;
  unitName: string;
  orgType: string;
  orgTypes: string[];
  week: string;
  prevWeek: string;
  nextWeek: string | null;
  deadline: string;
  lockAt: string;
  locked: boolean;
  late: boolean;
  status: string;
  returnComment: string | null;
  canEdit: boolean;
  revision: number | null;
  fields: EntryField[];
  values: Record<string, string>;
  errors: Record<string, string>;
  formError: string | null;
  flash: string | null;
  hasPrevious: boolean;
  apiUrl: string;
};

const text = {
  vi: {
    title: 'Nhập báo cáo tuần',
    deadline: 'Hạn nộp',
    lock: 'Khóa sổ',
    status: 'Trạng thái',
    locked: 'Kỳ báo cáo đã khóa; chỉ cấp trên mới mở lại được.',
    late: 'Đã quá hạn nộp; báo cáo gửi bây giờ sẽ được ghi là trễ hạn.',
    returned: 'Cấp trên trả lại báo cáo với ý kiến:',
    numbers: 'Số liệu',
    narratives: 'Tình hình, khó khăn, kiến nghị',
    save: 'Lưu nháp',
    submit: 'Gửi báo cáo',
    same: 'Như tuần trước',
    sameHint: 'Điền sẵn số liệu và nội dung của tuần trước để sửa.',
    prev: '‹ Tuần trước',
    next: 'Tuần sau ›',
    saved: 'Đã lưu nháp.',
    submitted: 'Đã gửi báo cáo lên cấp trên.',
    autosaved: 'Tự động lưu nháp lúc',
    required: 'bắt buộc',
    org: 'Tổ chức',
    readOnly: 'Báo cáo chỉ xem, không sửa được ở trạng thái này.',
  },
  en: {
    title: 'Weekly report entry',
    deadline: 'Deadline',
    lock: 'Locked from',
    status: 'Status',
    locked: 'This period is locked; only a superior can reopen it.',
    late: 'The deadline has passed; a report sent now is recorded as late.',
    returned: 'Your superior returned the report with this comment:',
    numbers: 'Figures',
    narratives: 'Activities, difficulties, recommendations',
    save: 'Save draft',
    submit: 'Submit report',
    same: 'Same as last week',
    sameHint: "Pre-fills last week's figures and texts for you to edit.",
    prev: '‹ Previous week',
    next: 'Next week ›',
    saved: 'Draft saved.',
    submitted: 'The report was sent to your superior.',
    autosaved: 'Draft saved automatically at',
    required: 'required',
    org: 'Organisation',
    readOnly: 'Read only in this state.',
  },
};

/** Saves the draft a moment after typing stops, when scripts run (the form works without them). */
function useAutosave(formRef: React.RefObject<HTMLFormElement | null>, props: EntryProps, lang: Lang) {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const revision = useRef(props.revision);
  useEffect(() => {
    const form = formRef.current;
    if (!form || !props.canEdit) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = async () => {
      const data = new FormData(form);
      const values: Record<string, string> = {};
      const narratives: Record<string, string> = {};
      for (const f of props.fields) {
        const v = String(data.get(`f_${f.key}`) ?? '');
        if (f.kind === 'number') {
          if (v.trim()) values[f.key] = v;
        } else narratives[f.key] = v;
      }
      const res = await fetch(props.apiUrl, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'accept-language': lang },
        body: JSON.stringify({ values, narratives }),
      });
      if (res.ok) {
        revision.current = (await res.json()).revision;
        setSavedAt(new Date().toTimeString().slice(0, 5));
      }
    };
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(save, 1500);
    };
    form.addEventListener('input', onInput);
    return () => {
      clearTimeout(timer);
      form.removeEventListener('input', onInput);
    };
  }, [formRef, props.canEdit, props.apiUrl, props.fields, lang]);
  return savedAt;
}

function EntryPage(props: EntryProps & { lang: Lang }) {
  const { lang } = props;
  const t = text[lang];
  const formRef = useRef<HTMLFormElement>(null);
  const savedAt = useAutosave(formRef, props, lang);
  const q = (week: string, extra = '') =>
    `/bao-cao/nhap?don-vi=${props.unitCode}&to-chuc=${props.orgType}&tuan=${week}${extra}`;
  const numbers = props.fields.filter((f) => f.kind === 'number');
  const texts = props.fields.filter((f) => f.kind === 'text');
  const input = (f: EntryField) => {
    const id = `f_${f.key}`;
    const err = props.errors[f.key];
    return (
      <div className={`field${err ? ' field--error' : ''}`} key={f.key}>
        <label htmlFor={id}>
          {f.label}
          {f.required && <span className="muted small"> ({t.required})</span>}
        </label>
        {f.kind === 'number' ? (
          <input
            id={id}
            name={id}
            className="input input--number"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={props.values[f.key] ?? ''}
            readOnly={!props.canEdit}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? `${id}_err` : undefined}
          />
        ) : (
          <textarea
            id={id}
            name={id}
            className="input"
            rows={4}
            defaultValue={props.values[f.key] ?? ''}
            readOnly={!props.canEdit}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? `${id}_err` : undefined}
          />
        )}
        {err && (
          <p className="field__error" id={`${id}_err`} data-field-error={f.key}>
            {err}
          </p>
        )}
      </div>
    );
  };
  return (
    <div className="container page reports-entry">
      <h1 className="page-heading">{t.title}</h1>
      <p className="lead">
        {props.unitName} — {weekText(props.week, lang)}
      </p>
      <nav className="row-actions" aria-label={t.org}>
        {props.orgTypes.map((o) => (
          <a
            key={o}
            href={`/bao-cao/nhap?don-vi=${props.unitCode}&to-chuc=${o}&tuan=${props.week}`}
            aria-current={o === props.orgType ? 'page' : undefined}
            className={o === props.orgType ? 'button button--red' : 'button button--outline'}
          >
            {ORG_NAMES[lang][o]}
          </a>
        ))}
      </nav>
      <dl className="facts">
        <dt>{t.status}</dt>
        <dd data-testid="report-status">{STATUS_NAMES[lang][props.status]}</dd>
        <dt>{t.deadline}</dt>
        <dd>{fmtInstant(props.deadline)}</dd>
        <dt>{t.lock}</dt>
        <dd>{fmtInstant(props.lockAt)}</dd>
      </dl>
      {props.flash && <Notice kind="success">{props.flash === 'submitted' ? t.submitted : t.saved}</Notice>}
      {props.formError && <Notice kind="error">{props.formError}</Notice>}
      {props.returnComment && props.status === 'returned' && (
        <Notice kind="info">
          {t.returned} <q data-testid="return-comment">{props.returnComment}</q>
        </Notice>
      )}
      {props.locked && props.status !== 'accepted' && <Notice kind="info">{t.locked}</Notice>}
      {props.late && props.canEdit && <Notice kind="info">{t.late}</Notice>}
      {!props.canEdit && !props.locked && <p className="muted">{t.readOnly}</p>}
      <form method="post" action="/bao-cao/nhap" ref={formRef} className="reports-form" noValidate>
        <input type="hidden" name="don-vi" value={props.unitCode} />
        <input type="hidden" name="to-chuc" value={props.orgType} />
        <input type="hidden" name="tuan" value={props.week} />
        <fieldset>
          <legend>{t.numbers}</legend>
          <div className="reports-grid">{numbers.map(input)}</div>
        </fieldset>
        <fieldset>
          <legend>{t.narratives}</legend>
          {texts.map(input)}
        </fieldset>
        {props.canEdit && (
          <div className="row-actions">
            <button type="submit" name="action" value="submit" className="button button--red">
              {t.submit}
            </button>
            <button type="submit" name="action" value="save" className="button button--outline">
              {t.save}
            </button>
            {props.hasPrevious && (
              <a className="button button--outline" href={q(props.week, '&nhu-tuan-truoc=1')} title={t.sameHint}>
                {t.same}
              </a>
            )}
          </div>
        )}
        {savedAt && (
          <p className="muted small" role="status">
            {t.autosaved} {savedAt}
          </p>
        )}
      </form>
      <nav className="pager">
        <a href={q(props.prevWeek)}>{t.prev}</a>
        {props.nextWeek && <a href={q(props.nextWeek)}>{t.next}</a>}
      </nav>
    </div>
  );
}

export const entryPage: PageDefinition<EntryProps> = {
  Component: EntryPage,
  Frame: StaffFrame,
  meta: (p, lang) => ({
    title: `${text[lang].title} — ${weekText(p.week, lang)} — ${siteName[lang]}`,
    description: text[lang].title,
  }),
};
