/**
 * Load generator for the petitions benchmarks that the shared worker cannot express: POST bodies that change
 * on every request (a new phone number each time, so the per-phone limit sees real traffic) and an optional
 * fixed overall rate (the "200 submissions/s sustained for 60 s"). Runs as its own process; prints one
 * JSON Measurement line like bench/lib/http-load-worker.ts.
 *
 * Usage: node bench/datasets/petitions-load-worker.ts <json options>
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Samples, summarise } from '../lib/stats.ts';
import { fixedRateLoad, samePath } from './fixed-rate-load.ts';

type Options = {
  url: string;
  seconds: number;
  connections: number;
  rate?: number;
  kind: 'submit' | 'submit-photo' | 'track';
  photoFile?: string;
  codes?: string[];
};

const o = JSON.parse(process.argv[2]!) as Options;
let seq = 0;
const phone = () => {
  seq++;
  return `098${String((process.pid * 131 + seq) % 10_000_000).padStart(7, '0')}`;
};
const fields = () => ({
  unit: seq % 3 === 0 ? '01' : '00004',
  category: 'moi_truong',
  title: `Rác thải tập kết sai nơi quy định số ${seq}`,
  content: 'Rác thải sinh hoạt bị đổ ở đầu ngõ nhiều ngày, bốc mùi hôi, đề nghị xử lý và bố trí điểm tập kết.',
  name: 'Nguyễn Văn Đo Tải',
  phone: phone(),
  consent: 'on',
});

const photo = o.photoFile ? readFileSync(o.photoFile) : null;
const BOUNDARY = '----petitionsbench';
function multipart(f: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(f))
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="anh.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
  );
  parts.push(photo!);
  parts.push(Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

const requests =
  o.kind === 'track'
    ? [
        {
          method: 'POST' as const,
          path: '/api/petitions/track',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req: Record<string, unknown>) => {
            seq++;
            return { ...req, body: JSON.stringify({ code: o.codes![seq % o.codes!.length] }) };
          },
        },
      ]
    : [
        {
          method: 'POST' as const,
          path: '/api/petitions',
          headers: {
            'content-type':
              o.kind === 'submit' ? 'application/x-www-form-urlencoded' : `multipart/form-data; boundary=${BOUNDARY}`,
          },
          setupRequest: (req: Record<string, unknown>) => ({
            ...req,
            body: o.kind === 'submit' ? new URLSearchParams(fields()).toString() : multipart(fields()),
          }),
        },
      ];

// A fixed rate is offered open-loop (see fixed-rate-load.ts); otherwise autocannon drives closed-loop connections.
if (o.rate && o.kind !== 'track') {
  const m = await fixedRateLoad({
    url: o.url,
    method: 'POST',
    request: samePath(
      '/api/petitions',
      {
        'content-type':
          o.kind === 'submit' ? 'application/x-www-form-urlencoded' : `multipart/form-data; boundary=${BOUNDARY}`,
      },
      () => (o.kind === 'submit' ? new URLSearchParams(fields()).toString() : multipart(fields())),
    ),
    rate: o.rate,
    seconds: o.seconds,
    maxSockets: o.connections,
  });
  process.stdout.write(`${JSON.stringify(m)}\n`);
  process.exit(0);
}

const samples = new Samples();
let non2xx = 0;
const statuses: Record<string, number> = {};
const instance = autocannon(
  {
    url: o.url,
    duration: o.seconds,
    connections: o.connections,
    ...(o.rate ? { overallRate: o.rate } : {}),
    // biome-ignore lint/suspicious/noExplicitAny: autocannon's request type does not declare setupRequest's shape
    requests: requests as any,
  },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    const m = summarise(samples.values(), result.duration, {
      unit: 'req',
      notes: {
        connections: o.connections,
        ...(o.rate ? { targetRate: o.rate } : {}),
        non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        ...Object.fromEntries(Object.entries(statuses).map(([k, v]) => [`status${k}`, v])),
      },
    });
    process.stdout.write(`${JSON.stringify(m)}\n`);
  },
);
instance.on('response', (_c, statusCode, _b, responseTime) => {
  if (statusCode < 200 || statusCode > 299) {
    non2xx++;
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  }
  samples.push(responseTime);
});
