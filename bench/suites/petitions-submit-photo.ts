import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { PETITIONS_APP_NOTE, petitionsLoad, startPetitionsApp } from '../datasets/petitions-bench.ts';
import type { ChildServer } from '../lib/child-server.ts';
import { defineBenchmark } from '../lib/types.ts';

/** A phone photo of about 2 MB: noisy pixels so that JPEG cannot shrink it, with EXIF GPS to strip. */
async function twoMegabytePhoto(): Promise<string> {
  const width = 1600;
  const height = 1200;
  const raw = Buffer.alloc(width * height * 3);
  let s = 12345;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    raw[i] = (s >>> 16) & 0xff;
  }
  const jpeg = await sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 70 })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 2/1 0/1' } })
    .toBuffer();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mts-bench-photo-')), 'anh.jpg');
  writeFileSync(file, jpeg);
  return file;
}

export default defineBenchmark<{ app: ChildServer; photo: string }>({
  name: 'petitions-submit-photo',
  description:
    'POST /api/petitions multipart with one ~2 MB JPEG (1600×1200, EXIF GPS): type from the bytes, decode, ' +
    're-encode without metadata, store — 4 connections' +
    PETITIONS_APP_NOTE,
  budget: { p95Ms: 400 },
  async setup(ctx) {
    const photo = await twoMegabytePhoto();
    return { app: await startPetitionsApp(ctx), photo };
  },
  run: (ctx, { app, photo }) =>
    petitionsLoad(ctx, {
      url: app.url,
      kind: 'submit-photo',
      photoFile: photo,
      connections: 4,
      seconds: Math.max(5, ctx.scale.httpSeconds),
    }),
  async teardown(_ctx, { photo }) {
    rmSync(path.dirname(photo), { recursive: true, force: true });
  },
});
