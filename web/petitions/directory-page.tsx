import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Breadcrumbs, Notice } from '../units/ui.tsx';

export type DirectoryProps = StaffProps & {
  unit: { code: string; fullName: string; level: string };
  ownUnit: string;
  entries: {
    id: number;
    name: string;
    email: string | null;
    active: boolean;
    accounts: { accountId: string; name: string }[];
  }[];
  /** Authority accounts that may be linked: in the manager's scope, at this unit or above it. */
  candidates: { id: string; label: string }[];
  flash: string | null;
  /** A refused form: which one (`create`, `edit-<id>`, `link-<id>`), what was typed and the errors per field. */
  form: { key: string; values: Record<string, string>; errors: Record<string, string> } | null;
};

const text = {
  vi: {
    crumbs: 'Vị trí',
    inbox: 'Phản ánh, kiến nghị',
    title: 'Danh bạ cơ quan có thẩm quyền',
    lead: 'Các cơ quan mà Mặt trận {unit} chuyển phản ánh đến. Mỗi cơ quan trả lời qua các tài khoản được liên kết; một tài khoản chỉ thấy phản ánh chuyển đến cơ quan của mình.',
    otherUnit: 'Xem danh bạ của đơn vị khác trong phạm vi',
    unitCode: 'Mã đơn vị',
    unitHint: 'Mã tỉnh (2 chữ số) hoặc mã xã, phường (5 chữ số).',
    show: 'Xem',
    none: 'Đơn vị chưa có cơ quan nào trong danh bạ.',
    inactive: 'Ngừng nhận',
    name: 'Tên cơ quan',
    email: 'Thư điện tử nhận thông báo',
    emailHint: 'Không bắt buộc. Thông báo chuyển phản ánh và nhắc quá hạn được gửi tới địa chỉ này.',
    save: 'Lưu',
    deactivate: 'Ngừng nhận phản ánh',
    activate: 'Nhận phản ánh trở lại',
    accounts: 'Tài khoản trả lời',
    noAccounts: 'Chưa có tài khoản nào được liên kết: cơ quan này chỉ nhận được trả lời trên giấy do Mặt trận ghi lại.',
    unlink: 'Bỏ liên kết',
    linkAccount: 'Liên kết tài khoản',
    chooseAccount: 'Chọn tài khoản',
    noCandidates:
      'Chưa có tài khoản nào có vai trò "Cơ quan có thẩm quyền" tại đơn vị này. Quản trị viên tạo tài khoản trong mục Tài khoản.',
    link: 'Liên kết',
    add: 'Thêm cơ quan',
    create: 'Thêm vào danh bạ',
    edit: 'Sửa tên, thư điện tử',
    flash: {
      created: 'Đã thêm cơ quan vào danh bạ.',
      saved: 'Đã lưu thay đổi.',
      activated: 'Cơ quan nhận phản ánh trở lại.',
      deactivated: 'Cơ quan đã ngừng nhận phản ánh mới.',
      linked: 'Đã liên kết tài khoản.',
      unlinked: 'Đã bỏ liên kết tài khoản.',
    } as Record<string, string>,
  },
  en: {
    crumbs: 'Breadcrumb',
    inbox: 'Feedback',
    title: 'Directory of competent authorities',
    lead: 'The authorities the Front of {unit} forwards cases to. Each answers through its linked accounts; an account sees only the cases forwarded to its own authority.',
    otherUnit: 'Another unit in your scope',
    unitCode: 'Unit code',
    unitHint: 'A province code (2 digits) or a commune code (5 digits).',
    show: 'Show',
    none: 'The unit has no authority in its directory yet.',
    inactive: 'Not receiving',
    name: 'Name of the authority',
    email: 'E-mail for notifications',
    emailHint: 'Optional. Forwarding notices and overdue reminders go to this address.',
    save: 'Save',
    deactivate: 'Stop receiving cases',
    activate: 'Receive cases again',
    accounts: 'Answering accounts',
    noAccounts: 'No account is linked: this authority can only answer on paper, recorded by the Front.',
    unlink: 'Unlink',
    linkAccount: 'Link an account',
    chooseAccount: 'Choose an account',
    noCandidates:
      'No account holds the role "competent authority" at this unit yet. Administrators create accounts under Accounts.',
    link: 'Link',
    add: 'Add an authority',
    create: 'Add to the directory',
    edit: 'Edit name and e-mail',
    flash: {
      created: 'The authority was added.',
      saved: 'Changes saved.',
      activated: 'The authority receives cases again.',
      deactivated: 'The authority no longer receives new cases.',
      linked: 'The account was linked.',
      unlinked: 'The account was unlinked.',
    } as Record<string, string>,
  },
};

function Field(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  defaultValue: string;
  type?: string;
  maxLength: number;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  return (
    <div className={props.error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <p className="field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field__error" id={errorId}>
          {props.error}
        </p>
      )}
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        className="input"
        defaultValue={props.defaultValue}
        maxLength={props.maxLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
    </div>
  );
}

function DirectoryPage(props: DirectoryProps & { lang: Lang }) {
  const t = text[props.lang];
  const base = '/quan-tri/phan-anh/co-quan';
  const formOf = (key: string) => (props.form?.key === key ? props.form : null);
  const create = formOf('create');
  const unitField = <input type="hidden" name="unit" value={props.unit.code} />;
  return (
    <div className="container page narrow-content petition-directory">
      <Breadcrumbs label={t.crumbs} items={[{ href: '/quan-tri/phan-anh', label: t.inbox }, { label: t.title }]} />
      <h1 className="page-heading">{t.title}</h1>
      <p className="muted" data-testid="directory-unit">
        {t.lead.replace('{unit}', props.unit.fullName)}
      </p>
      <form method="get" action={base} className="petition-directory__unit petition-inline-form">
        <div className="field">
          <label className="field__label" htmlFor="don-vi">
            {t.otherUnit}
          </label>
          <p className="field__hint">{t.unitHint}</p>
          <input
            id="don-vi"
            name="don-vi"
            className="input"
            defaultValue={props.unit.code === props.ownUnit ? '' : props.unit.code}
            maxLength={5}
            inputMode="numeric"
          />
        </div>
        <button type="submit" className="button button--outline">
          {t.show}
        </button>
      </form>
      {props.flash && t.flash[props.flash] && <Notice kind="success">{t.flash[props.flash]}</Notice>}
      {props.form?.errors.form && <Notice kind="error">{props.form.errors.form}</Notice>}

      {props.entries.length === 0 && <p className="empty">{t.none}</p>}
      {props.entries.map((e) => {
        const edit = formOf(`edit-${e.id}`);
        const link = formOf(`link-${e.id}`);
        return (
          <section
            key={e.id}
            className={e.active ? 'card panel' : 'card panel petition-directory__inactive'}
            aria-labelledby={`authority-${e.id}`}
            data-testid={`authority-${e.id}`}
          >
            <h2 id={`authority-${e.id}`} className="panel__heading">
              {e.name} {!e.active && <span className="tag">{t.inactive}</span>}
            </h2>
            {e.email && <p className="muted small">{e.email}</p>}
            <h3 className="petition-directory__subheading">{t.accounts}</h3>
            {e.accounts.length === 0 ? (
              <p className="muted small">{t.noAccounts}</p>
            ) : (
              <ul className="petition-directory__accounts">
                {e.accounts.map((a) => (
                  <li key={a.accountId}>
                    <span>{a.name}</span>
                    <form method="post" action={`${base}/${e.id}/bo-lien-ket`} className="inline-form">
                      {unitField}
                      <input type="hidden" name="accountId" value={a.accountId} />
                      <button type="submit" className="button button--outline button--small">
                        {t.unlink}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            {props.candidates.length === 0 ? (
              <p className="muted small">{t.noCandidates}</p>
            ) : (
              <form
                method="post"
                action={`${base}/${e.id}/lien-ket`}
                className="petition-directory__link petition-inline-form"
              >
                {unitField}
                <div className={link?.errors.accountId ? 'field field--invalid' : 'field'}>
                  <label className="field__label" htmlFor={`account-${e.id}`}>
                    {t.linkAccount}
                  </label>
                  {link?.errors.accountId && (
                    <p className="field__error" id={`account-${e.id}-error`}>
                      {link.errors.accountId}
                    </p>
                  )}
                  <select
                    id={`account-${e.id}`}
                    name="accountId"
                    className="input"
                    defaultValue={link?.values.accountId ?? ''}
                    aria-invalid={link?.errors.accountId ? true : undefined}
                  >
                    <option value="">{t.chooseAccount}</option>
                    {props.candidates
                      .filter((c) => !e.accounts.some((a) => a.accountId === c.id))
                      .map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.label}
                        </option>
                      ))}
                  </select>
                </div>
                <button type="submit" className="button button--outline">
                  {t.link}
                </button>
              </form>
            )}
            <details className="petition-directory__edit" open={!!edit}>
              <summary>{t.edit}</summary>
              <form method="post" action={`${base}/${e.id}/sua`} className="form" noValidate>
                {unitField}
                <Field
                  id={`name-${e.id}`}
                  name="name"
                  label={t.name}
                  error={edit?.errors.name}
                  defaultValue={edit?.values.name ?? e.name}
                  maxLength={200}
                />
                <Field
                  id={`email-${e.id}`}
                  name="email"
                  type="email"
                  label={t.email}
                  error={edit?.errors.email}
                  defaultValue={edit?.values.email ?? e.email ?? ''}
                  maxLength={254}
                />
                <button type="submit" className="button button--red">
                  {t.save}
                </button>
              </form>
            </details>
            <form method="post" action={`${base}/${e.id}/trang-thai`} className="petition-directory__toggle">
              {unitField}
              {!e.active && <input type="hidden" name="active" value="on" />}
              <button type="submit" className="button button--outline">
                {e.active ? t.deactivate : t.activate}
              </button>
            </form>
          </section>
        );
      })}

      <section className="card panel" aria-labelledby="add-heading">
        <h2 id="add-heading" className="panel__heading">
          {t.add}
        </h2>
        <form method="post" action={`${base}/them`} className="form" noValidate data-testid="authority-create">
          {unitField}
          <Field
            id="name"
            name="name"
            label={t.name}
            error={create?.errors.name}
            defaultValue={create?.values.name ?? ''}
            maxLength={200}
          />
          <Field
            id="email"
            name="email"
            type="email"
            label={t.email}
            hint={t.emailHint}
            error={create?.errors.email}
            defaultValue={create?.values.email ?? ''}
            maxLength={254}
          />
          <button type="submit" className="button button--red">
            {t.create}
          </button>
        </form>
      </section>
    </div>
  );
}

export const directoryPage: PageDefinition<DirectoryProps> = {
  Component: DirectoryPage,
  Frame: StaffFrame,
  meta: (props, lang) => ({ title: `${text[lang].title} — ${props.unit.fullName}`, description: text[lang].title }),
};
