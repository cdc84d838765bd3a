import type { $ZodIssue } from 'zod/v4/core';
import { en, vi } from 'zod/v4/locales';
import type { Lang } from '../i18n/language.ts';

type LocaleError = (issue: $ZodIssue) => string | { message: string } | undefined | null;
const LOCALES: Record<Lang, LocaleError> = {
  vi: vi().localeError as LocaleError,
  en: en().localeError as LocaleError,
};

/** One schema problem as fastify-type-provider-zod hands it over: the Zod issue split into keyword and params. */
export type SchemaProblem = {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
};

function localeMessage(lang: Lang, issue: $ZodIssue): string | undefined {
  const out = LOCALES[lang](issue);
  return typeof out === 'string' ? out : (out?.message ?? undefined);
}

/**
 * The problem's message in the reader's language. A message written in the schema (`.min(12, 'Mật khẩu …')`) is
 * kept as it is; Zod's own English default is replaced by Zod's wording in the reader's language.
 */
export function schemaProblemMessage(problem: SchemaProblem, lang: Lang): string {
  const issue = {
    ...problem.params,
    code: problem.keyword,
    path: problem.instancePath.split('/').filter(Boolean),
    message: problem.message ?? '',
  } as unknown as $ZodIssue;
  const english = localeMessage('en', issue);
  if (problem.message && problem.message !== english) return problem.message;
  return localeMessage(lang, issue) ?? problem.message ?? '';
}
