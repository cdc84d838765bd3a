import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { hashSync, verifySync } from '@node-rs/argon2';

/**
 * One password-hashing thread (see password-hasher.ts). On Linux it lowers its own scheduling priority (nice), so
 * when the cores are busy the event loop and the database get them first and the hashes wait.
 */
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) setPriority(tid, (workerData as { nice: number }).nice);
} catch {
  // not Linux (no per-thread priority): hashing runs at normal priority
}

type Job = { id: number; op: 'hash' | 'verify'; a: string; b: string; options: object };
parentPort?.on('message', (job: Job) => {
  try {
    const value = job.op === 'hash' ? hashSync(job.a, job.options) : verifySync(job.a, job.b);
    parentPort?.postMessage({ id: job.id, value });
  } catch (err) {
    parentPort?.postMessage({ id: job.id, error: (err as Error).message });
  }
});
