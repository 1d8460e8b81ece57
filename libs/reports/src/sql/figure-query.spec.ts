import { HASH_NOT_SORT, runFigureQuery } from './figure-query';

describe('runFigureQuery', () => {
  it("sets a statement's planner settings before it and back to the default after it", async () => {
    const sent: string[] = [];
    const run = async (sql: string): Promise<string> => {
      sent.push(sql);
      return sql;
    };
    const result = await runFigureQuery(run, { sql: 'SELECT 1', params: [], planner: HASH_NOT_SORT });
    expect(result).toBe('SELECT 1');
    expect(sent).toEqual(['SET LOCAL enable_sort = off', 'SELECT 1', 'SET LOCAL enable_sort TO DEFAULT']);
  });

  it('runs a statement without settings alone, or the given text in its place (EXPLAIN)', async () => {
    const sent: string[] = [];
    const run = async (sql: string, params?: unknown[]): Promise<void> => {
      sent.push(`${sql} ${JSON.stringify(params)}`);
    };
    await runFigureQuery(run, { sql: 'SELECT $1', params: [7] });
    await runFigureQuery(run, { sql: 'SELECT $1', params: [7] }, 'EXPLAIN SELECT $1');
    expect(sent).toEqual(['SELECT $1 [7]', 'EXPLAIN SELECT $1 [7]']);
  });
});
