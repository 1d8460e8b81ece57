/** Canonical enum values of data-contract.md. Stored as text: never rename. */
export const INDUSTRIES = ['housing', 'municipal', 'water', 'transport', 'other'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const PROJECT_STATUSES = ['planned', 'in_progress', 'suspended', 'completed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const DEPOSIT_FORMS = ['cash', 'bank_guarantee', 'insurance'] as const;
export type DepositForm = (typeof DEPOSIT_FORMS)[number];

export const PAID_VIA = ['dedicated_account', 'other_account', 'cash'] as const;
export type PaidVia = (typeof PAID_VIA)[number];

export const CLUE_SOURCES = ['national_platform', 'hotline', 'walk_in', 'letter', 'other'] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];

export const WATCHLIST_SUBJECT_TYPES = ['enterprise', 'person'] as const;
export type WatchlistSubjectType = (typeof WATCHLIST_SUBJECT_TYPES)[number];

export const WATCHLISTS = ['arrears_blacklist', 'bad_team'] as const;
export type Watchlist = (typeof WATCHLISTS)[number];

export const UNIT_KINDS = ['brigade', 'team'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const BANK_TRANSFER_STATUSES = ['succeeded', 'failed', 'returned'] as const;
export type BankTransferStatus = (typeof BANK_TRANSFER_STATUSES)[number];
