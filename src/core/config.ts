import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const ALL_MODULES = ['units', 'identity', 'reports', 'petitions', 'library', 'portal'] as const;
export type ModuleName = (typeof ALL_MODULES)[number];

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.optional(),
  COOKIE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  RATE_LIMIT_PUBLIC: z.coerce.number().int().min(1).default(300),
  MODULES: z.string().optional(),
  JOBS: bool.default(true),
  TRUST_PROXY: bool.default(false),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DEV_LOGIN: bool.optional(),
  NOTIFY_WEBHOOK_URL: z.url().optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  logLevel: string;
  logPretty: boolean;
  cookieSecret: string;
  tokenSecret: string;
  bodyLimit: number;
  rateLimitPublic: number;
  modules: ModuleName[];
  jobs: boolean;
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  metricsToken: string | undefined;
  /** The development sign-in (pick a unit and roles); never in production. */
  devLogin: boolean;
  /** Where the notification outbox posts e-mails and SMS; without it messages are only recorded. */
  notifyWebhookUrl: string | undefined;
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Reads `.env` (if present) without overriding variables already set. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Validates the environment once; throws a ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  let modules: ModuleName[] = [...ALL_MODULES];
  if (parsed.success && parsed.data.MODULES) {
    const wanted = parsed.data.MODULES.split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    const unknown = wanted.filter((m) => !(ALL_MODULES as readonly string[]).includes(m));
    if (unknown.length)
      problems.push(`MODULES: unknown module(s) ${unknown.join(', ')}; known: ${ALL_MODULES.join(', ')}`);
    modules = wanted.filter((m): m is ModuleName => (ALL_MODULES as readonly string[]).includes(m));
  }
  if (parsed.success && parsed.data.DEV_LOGIN && parsed.data.NODE_ENV === 'production') {
    problems.push('DEV_LOGIN: the development sign-in cannot be enabled when NODE_ENV=production');
  }
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const secrets = e.COOKIE_SECRET && e.TOKEN_SECRET ? null : loadOrCreateSecrets(dataDir, e.NODE_ENV === 'production');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY ?? (e.NODE_ENV === 'development' && process.stdout.isTTY === true),
    cookieSecret: e.COOKIE_SECRET ?? secrets!.cookieSecret,
    tokenSecret: e.TOKEN_SECRET ?? secrets!.tokenSecret,
    bodyLimit: e.BODY_LIMIT,
    rateLimitPublic: e.RATE_LIMIT_PUBLIC,
    modules,
    jobs: e.JOBS,
    trustProxy: e.TRUST_PROXY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    metricsToken: e.METRICS_TOKEN,
    devLogin: e.DEV_LOGIN ?? e.NODE_ENV === 'development',
    notifyWebhookUrl: e.NOTIFY_WEBHOOK_URL,
  };
}

type Secrets = { cookieSecret: string; tokenSecret: string };

function loadOrCreateSecrets(dataDir: string, production: boolean): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: Secrets = {
    cookieSecret: randomBytes(32).toString('base64url'),
    tokenSecret: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  if (production) {
    process.emitWarning(
      `COOKIE_SECRET/TOKEN_SECRET were not set: generated new secrets in ${file}. ` +
        'In production set them explicitly (and identically on every instance) or every restart of a new machine logs everyone out.',
      { code: 'MTS_GENERATED_SECRETS' },
    );
  }
  return secrets;
}

/** A config for tests: in-memory everything, no secrets on disk. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    host: '127.0.0.1',
    port: 0,
    publicUrl: 'http://localhost',
    dataDir: 'memory://',
    databaseUrl: undefined,
    databasePoolSize: 4,
    logLevel: 'silent',
    logPretty: false,
    cookieSecret: 'test-cookie-secret-0123456789abcdef0123',
    tokenSecret: 'test-token-secret-0123456789abcdef01234',
    bodyLimit: 1_048_576,
    rateLimitPublic: 10_000,
    modules: [...ALL_MODULES],
    jobs: false,
    trustProxy: false,
    shutdownTimeoutMs: 5_000,
    metricsToken: undefined,
    devLogin: true,
    notifyWebhookUrl: undefined,
    ...overrides,
  };
}
