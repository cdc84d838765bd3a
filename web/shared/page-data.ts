import type { Chrome } from './page.ts';

/** The id of the JSON block that carries the page's props to the browser (not executed, so CSP allows it). */
export const PAGE_DATA_ID = '__DATA__';

export type PageData = { page: string; props: unknown; chrome: Chrome };
