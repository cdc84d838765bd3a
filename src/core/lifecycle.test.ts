import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = path.resolve(import.meta.dirname, 'testing/fixtures/slow-server.ts');

describe('graceful shutdown', () => {
  it('lets a slow request finish after SIGTERM, then exits 0 and accepts nothing new', async () => {
    const child = spawn(process.execPath, [fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const address = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /LISTENING (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`server exited early: ${out}`)));
    });
    const slow = fetch(`${address}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    expect(await slow).toEqual({ status: 200, body: { finished: true } });
    expect(await exited).toBe(0);
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();
  }, 60_000);
});
