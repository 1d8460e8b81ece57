/** What a rule's renderer returns: the sentence, the figures, the per-period rows and the lists. */
export interface EvidenceList<Row = Record<string, unknown>> {
  title: string;
  /** Field names of each row, in column order (labels come from the i18n file). */
  columns: Array<keyof Row & string>;
  rows: Row[] | null | undefined;
  /** Column titles that differ from the field's usual label in this rule. */
  labels?: Record<string, string>;
}

export interface EvidenceLayout<E> {
  /** Why the alert fired, in one Chinese sentence with the figures in it. */
  sentence: string;
  /** Top-level figures shown in the table, in order. */
  figures: Array<keyof E & string>;
  /** Figures that are the thresholds the rule judged against. */
  judged?: Array<keyof E & string>;
  /** One row per period of a multi-period rule. */
  periods?: EvidenceList;
  lists?: EvidenceList[];
}

/** Typed list helper: the compiler checks the columns against the row type of the shared schema. */
export function list<Row>(title: string, rows: Row[] | null | undefined, columns: Array<keyof Row & string>, labels?: Partial<Record<keyof Row & string, string>>): EvidenceList {
  return { title, rows: rows as unknown as Record<string, unknown>[] | null | undefined, columns: columns as string[], labels: labels as Record<string, string> | undefined };
}
