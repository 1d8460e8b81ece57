import { BadRequestException } from '@nestjs/common';
import { cursorOfKey, decodeCursor } from './list-cursor';

describe('list cursor', () => {
  it('reads back the key PostgreSQL wrote for the last alert of a page', () => {
    const cursor = cursorOfKey('[1, 40, "500000", "2026-11-03T01:02:03.123456Z", 17]');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ rank: 1, risk: 40, shortfall: '500000', first: '2026-11-03T01:02:03.123456Z', id: 17 });
  });

  it.each([
    ['not base64 JSON', 'bm90IGpzb24'],
    ['too few keys', cursorOfKey('[1, 40, "5", "2026-11-03T01:02:03Z"]')],
    ['a shortfall that is not whole fen', cursorOfKey('[1, 40, "5.5", "2026-11-03T01:02:03Z", 1]')],
    ['a time that is not UTC ISO', cursorOfKey('[1, 40, "5", "yesterday", 1]')],
    ['an id that is not a whole number', cursorOfKey('[1, 40, "5", "2026-11-03T01:02:03Z", "1; DROP TABLE alerts"]')],
  ])('refuses %s with a 400 naming the cursor', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(BadRequestException);
    expect(() => decodeCursor(cursor)).toThrow(/cursor must be the nextCursor/);
  });
});
