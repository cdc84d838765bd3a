import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** Fails when the page is wider than the viewport (sideways scrolling on a phone). */
export async function assertNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, viewport } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  assert.ok(scrollWidth <= viewport, `page is ${scrollWidth}px wide in a ${viewport}px viewport`);
}

/** Visible, at least 44×44 CSS px (WCAG 2.5.5 target size) and not covered by anything else. */
export async function assertTappable(link: Locator): Promise<void> {
  const box = await link.boundingBox();
  assert.ok(box, `${link} is not visible`);
  assert.ok(box.width >= 44 && box.height >= 44, `${link} is only ${box.width}×${box.height}px`);
  await link.click({ trial: true, timeout: 5_000 });
}
