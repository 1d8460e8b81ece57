/** Values stored in the database and used by the API (clues.md): never rename. */
export const CLUE_STATUSES = ['received', 'accepted', 'contacted', 'replied', 'closed'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

/** Statuses in which a clue still needs someone to act. */
export const OPEN_CLUE_STATUSES: readonly ClueStatus[] = ['received', 'accepted', 'contacted', 'replied'];

/** Reply outcomes (办结回复); `duplicate` is set only by merge. */
export const CLUE_OUTCOMES = [
  'wages_paid',
  'partially_paid',
  'no_arrears_found',
  'case_filed',
  'transferred_arbitration',
  'transferred_court',
  'not_our_jurisdiction',
  'complainant_unreachable',
  'other',
] as const;
export type ReplyOutcome = (typeof CLUE_OUTCOMES)[number];
export type ClueOutcome = ReplyOutcome | 'duplicate';

/** Outcomes that pay workers: the reply must say how much and to how many. */
export const PAID_OUTCOMES: readonly ReplyOutcome[] = ['wages_paid', 'partially_paid'];

export const CLUE_ACTIONS = ['accept', 'contact', 'reply', 'approve', 'return', 'merge', 'assign', 'comment', 'extend'] as const;
export type ClueAction = (typeof CLUE_ACTIONS)[number];

/** The step whose deadline is running (what `nextDeadline` refers to). */
export type ClueStep = 'accept' | 'contact' | 'reply' | 'review';
