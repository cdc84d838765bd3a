import type { SubmissionLimits } from './submission.ts';

export type PetitionSettings = {
  limits: SubmissionLimits;
  /** Tracking-code lookups per client address per minute (codes are 60 bits; this stops enumeration). */
  lookupsPerMinute: number;
  /** Submission attempts (valid or not) per client address per minute, before any work is done. */
  attemptsPerMinute: number;
};

const int = (v: string | undefined, d: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : d;
};

/** Module settings from the environment (benchmarks raise them; defaults suit a public deployment). */
export function petitionSettings(env: NodeJS.ProcessEnv = process.env): PetitionSettings {
  return {
    limits: {
      perIpPerHour: int(env.PETITION_MAX_PER_IP_HOUR, 20),
      perPhonePerDay: int(env.PETITION_MAX_PER_PHONE_DAY, 5),
    },
    lookupsPerMinute: int(env.PETITION_LOOKUPS_PER_MINUTE, 30),
    attemptsPerMinute: int(env.PETITION_ATTEMPTS_PER_MINUTE, 20),
  };
}
