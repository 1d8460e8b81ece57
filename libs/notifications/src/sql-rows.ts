/**
 * Rows of an UPDATE/DELETE … RETURNING run through EntityManager.query(): TypeORM's
 * postgres driver answers those as [rows, affectedCount], SELECT and INSERT as rows.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
