import { Page } from 'playwright-core';

/** Helpers of the content-reading browser tests: what a person sees, checked against the API. */

const withCommas = (s: string): string => s.replace(/^(-?)(\d+)/, (_, sign: string, int: string) => sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
const percent = (s: string): string => `${Number((Number(s) * 100).toFixed(2))}%`;

/** Ways a figure may be written on screen: as given, with thousands separators, or (a share) as a percentage. */
export function renderings(value: number | string): string[] {
  const s = String(value);
  const out = [s, withCommas(s)];
  if (/^-?\d+(\.\d+)?$/.test(s) && Math.abs(Number(s)) <= 1) out.push(percent(s));
  return out;
}

/** Every number, numeric string, date and period in an evidence object, with its path. */
export function figuresOf(value: unknown, path = ''): Array<[string, number | string]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => figuresOf(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => figuresOf(v, path ? `${path}.${k}` : k));
  if (typeof value === 'number') return [[path, value]];
  if (typeof value === 'string' && (/^-?\d+(\.\d+)?$/.test(value) || /^\d{4}-\d{2}(-\d{2})?$/.test(value))) return [[path, value]];
  return [];
}

/** Figures of `value` that appear on the page in none of their renderings. */
export function missingFigures(text: string, value: unknown): string[] {
  return figuresOf(value)
    .filter(([, v]) => !renderings(v).some((r) => text.includes(r)))
    .map(([path, v]) => `${path}=${v}`);
}

/** File formats, named as Chinese consoles name them. */
const FORMATS = new Set(['PDF', 'CSV', 'XLSX', 'API', 'JSON']);

const PATTERNS: Array<[string, RegExp]> = [
  ['camelCase', /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g],
  ['snake_case', /\b[a-z0-9]+_[a-z0-9_]+\b/g],
  ['CODE_NAME', /\b[A-Z]+_[A-Z_]+\b/g],
  ['English word', /\b[a-zA-Z]{3,}\b/g],
];

/** Identifiers and English words visible on the page (user names excepted: they are data). */
export async function visibleIdentifiers(page: Page, usernames: string[]): Promise<string[]> {
  let text = await page.locator('body').innerText();
  for (const u of usernames) text = text.split(u).join(' ');
  const found = new Set<string>();
  for (const [kind, re] of PATTERNS) for (const m of text.matchAll(re)) if (!FORMATS.has(m[0])) found.add(`${kind}: ${m[0]}`);
  return [...found];
}

/** Picks an option of the antd Select labelled `label`. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  const listId = `${await input.getAttribute('id')}_list`;
  await input.click();
  // The option list of this select (antd renders one dropdown per select, kept after closing).
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) });
  await dropdown.waitFor();
  // Clicks during the dropdown's opening animation are dropped: wait for it to settle.
  await page.waitForTimeout(400);
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
  await dropdown.waitFor({ state: 'hidden', timeout: 5_000 });
}
