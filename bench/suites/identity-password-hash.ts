import { ARGON2_PARAMS, hashPassword, verifyPassword } from '../../src/modules/identity/passwords.ts';
import { defineBenchmark } from '../lib/types.ts';

/**
 * The deliberate cost of a password check: argon2id at the platform's parameters, tuned to 50–150 ms (the issue's
 * band: p50 at least 50, p95 at most 150 — a hash cheaper than the band fails as a slower one does).
 */
export default defineBenchmark<string>({
  name: 'identity-password-hash',
  description: `argon2id verify at m=${ARGON2_PARAMS.memoryCost} KiB, t=${ARGON2_PARAMS.timeCost}, p=${ARGON2_PARAMS.parallelism} (the login's hash), one at a time, in process; target 50–150 ms`,
  budget: { p95Ms: 150, minP50Ms: 50 },
  setup: () => hashPassword('Hoa sen nở giữa đầm 2026'),
  run: (ctx, stored) =>
    ctx.measure(() => verifyPassword(stored, 'Hoa sen nở giữa đầm 2026'), { warmupOps: 3, unit: 'verifies' }),
});
