import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: Buffer | undefined;

/**
 * Noto Sans Hans (Simplified Chinese, GB2312 and more; SIL OFL 1.1) as shipped by the npm
 * package @embedpdf/fonts-sc — nothing is downloaded at run time. The package only exports
 * its index (dist/index.cjs), so the font is found next to it. Read once (8 MB); pdfkit
 * embeds only the glyphs a document uses.
 */
export function cjkFont(): Buffer {
  if (!cached) {
    const packageDir = dirname(dirname(require.resolve('@embedpdf/fonts-sc')));
    cached = readFileSync(join(packageDir, 'fonts', 'NotoSansHans-Regular.otf'));
  }
  return cached;
}
