/**
 * The states of a case and the only arrows between them. Everything that changes a status goes through
 * `assertTransition`; a test walks every pair.
 */
export const STATUSES = [
  'received',
  'accepted',
  'forwarded',
  'in_progress',
  'answered',
  'closed',
  'rejected',
  'transferred',
  'reopened',
] as const;
export type Status = (typeof STATUSES)[number];

export const TRANSITIONS: Record<Status, readonly Status[]> = {
  received: ['accepted', 'rejected', 'transferred'],
  // A transferred (or escalated) case arrives at its new Front as if newly received.
  transferred: ['accepted', 'rejected', 'transferred'],
  accepted: ['forwarded', 'rejected', 'transferred'],
  forwarded: ['in_progress', 'answered', 'transferred'],
  in_progress: ['answered', 'transferred'],
  answered: ['closed', 'reopened'],
  reopened: ['forwarded', 'in_progress', 'answered', 'transferred'],
  rejected: [],
  closed: [],
};

export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Cases still waiting for someone at the Front or an authority. */
export const OPEN_STATUSES: readonly Status[] = [
  'received',
  'transferred',
  'accepted',
  'forwarded',
  'in_progress',
  'reopened',
];
/** Cases with a running handling deadline. */
export const DEADLINE_STATUSES: readonly Status[] = ['forwarded', 'in_progress', 'reopened'];
