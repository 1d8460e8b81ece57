import { EntityManager } from 'typeorm';

/**
 * The lowest and highest project code of an evaluation's scope, in the database's
 * collation. Reads of P's (or the history's) rows add `project_code BETWEEN lo AND hi`
 * next to `= ANY(codes)`: the range is an index condition, so a scan shard (a contiguous
 * range of codes) reads only its part of the heap; the array keeps the read exact.
 */
export interface CodeBounds {
  lo: string;
  hi: string;
}

export async function codeBounds(m: EntityManager, projectCodes: string[]): Promise<CodeBounds> {
  const [bounds]: CodeBounds[] = await m.query(`SELECT min(c) AS lo, max(c) AS hi FROM unnest($1::text[]) AS c`, [projectCodes]);
  return bounds;
}
