import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The deliberate password hashes run on their own threads, at most (cores − 1) at once (at least one), each at a
 * lower scheduling priority (Linux nice 5: about a third of a normal thread's share of a contended core): a burst
 * of logins queues here and yields the CPU to the event loop — public pages, the other apps, the sign-in hops —
 * and to the database. Off Linux the threads run at normal priority. (@node-rs/argon2's async functions would
 * run on libuv's shared pool, whose priority cannot be set.)
 */
export const HASH_THREADS = Math.max(1, availableParallelism() - 1);
export const HASH_NICE = 5;

type Reply = { id: number; value?: string | boolean; error?: string };
type Job = {
  id: number;
  op: 'hash' | 'verify';
  a: string;
  b: string;
  options: object;
  done: (r: Reply) => void;
};

const idle: Worker[] = [];
const queue: Job[] = [];
const running = new Map<Worker, Job>();
let started = 0;
let nextId = 1;

function startWorker(): Worker {
  const w = new Worker(new URL('./password-hash-worker.ts', import.meta.url), { workerData: { nice: HASH_NICE } });
  w.on('message', (r: Reply) => {
    const job = running.get(w);
    running.delete(w);
    job?.done(r);
    dispatch(w);
  });
  w.on('error', (err) => {
    const job = running.get(w);
    running.delete(w);
    started--;
    job?.done({ id: job.id, error: err.message });
    pump();
  });
  started++;
  return w;
}

function dispatch(w: Worker): void {
  const job = queue.shift();
  if (!job) {
    w.unref(); // an idle hasher never keeps the process alive; a busy one does (a CLI awaits its hash)
    idle.push(w);
    return;
  }
  w.ref();
  running.set(w, job);
  const { done: _done, ...message } = job;
  w.postMessage(message);
}

function pump(): void {
  while (queue.length) {
    const w = idle.pop() ?? (started < HASH_THREADS ? startWorker() : null);
    if (!w) return;
    dispatch(w);
  }
}

function run(op: 'hash' | 'verify', a: string, b: string, options: object): Promise<string | boolean> {
  return new Promise((resolve, reject) => {
    queue.push({
      id: nextId++,
      op,
      a,
      b,
      options,
      done: (r) => (r.error !== undefined ? reject(new Error(r.error)) : resolve(r.value!)),
    });
    pump();
  });
}

export const hashOnThread = (password: string, options: object) =>
  run('hash', password, '', options) as Promise<string>;
export const verifyOnThread = (stored: string, password: string) =>
  run('verify', stored, password, {}) as Promise<boolean>;
