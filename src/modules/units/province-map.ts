import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as echarts from 'echarts';

const GEOJSON = path.resolve(import.meta.dirname, '../../../reference/admin-units/provinces.geojson');
const WIDTH = 360;
const HEIGHT = 640;

type Feature = { properties: { code: string; name: string } };

let cached: string | undefined;

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/**
 * The 34 provinces as a server-rendered SVG (echarts' SSR renderer), each province a link to its page,
 * so the map works without JavaScript. Boundaries: reference/admin-units/provinces.geojson (see its
 * NOTICE for the attribution). Rendered once per process; `names` gives each province's full name.
 */
export function provinceMapSvg(names: Map<string, string>): string {
  if (cached) return cached;
  const geo = JSON.parse(readFileSync(GEOJSON, 'utf8')) as { features: Feature[] };
  const codes = geo.features.map((f) => f.properties.code);
  // echarts keys regions by `name`; the code is the stable key.
  for (const f of geo.features) f.properties.name = f.properties.code;
  echarts.registerMap('vn-provinces', geo as never);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      series: [
        {
          type: 'map',
          map: 'vn-provinces',
          roam: false,
          left: 8,
          right: 8,
          top: 8,
          bottom: 8,
          label: { show: false },
          emphasis: { disabled: true },
          select: { disabled: true },
          itemStyle: { areaColor: '#f6e7c1', borderColor: '#a3161b', borderWidth: 0.6 },
          data: codes.map((code) => ({ name: code, value: 1 })),
        },
      ],
    });
    const svg = chart.renderToSVGString();
    cached = linkProvinces(svg, codes, names);
    return cached;
  } finally {
    // Without dispose the SSR chart keeps a timer alive.
    chart.dispose();
  }
}

/** Wraps each province's path(s) in a link to its page, with its name as the accessible label. */
function linkProvinces(svg: string, codes: string[], names: Map<string, string>): string {
  return (
    svg
      .replace(/ width="\d+" height="\d+"/, ' class="province-map__svg" role="group"')
      .replace(/<rect [^>]*><\/rect>/, '')
      // echarts adds a <style> for hover emphasis; the CSP forbids inline styles and our CSS does hover.
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<path ([^>]*?)ecmeta_series_index="0" ecmeta_data_index="(\d+)"[^>]*><\/path>/g, (_m, attrs, i) => {
        const code = codes[Number(i)] ?? '';
        const name = escapeXml(names.get(code) ?? code);
        return `<a href="/don-vi/${code}" aria-label="${name}"><title>${name}</title><path ${attrs.trim()}></path></a>`;
      })
  );
}
