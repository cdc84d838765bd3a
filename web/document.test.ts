import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from './document.ts';

describe('document helpers', () => {
  it('escapes text and attribute values', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('keeps JSON inside a script element inert and still parseable', () => {
    const value = { s: '</script><!-- & -->', vi: 'Mặt trận' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
