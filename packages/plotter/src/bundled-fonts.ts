/**
 * The font every PNG is drawn in, shipped with the package (`dejavu-fonts-ttf`) rather than
 * looked up on the system, so both canvas backends draw the same glyphs on any machine.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const FONT_FAMILY_NAME = 'DejaVu Sans';
/** CSS font stack handed to chart.js; the bundled face comes first. */
export const FONT_FAMILY = `${FONT_FAMILY_NAME}, Helvetica, Arial, sans-serif`;

export interface BundledFont {
  readonly path: string;
  readonly weight: 'normal' | 'bold';
}

/** The directory of the DejaVu TrueType files (every DejaVu face, DejaVu Sans among them). */
export function bundledFontDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** DejaVu Sans regular and bold, as absolute file paths. */
export function bundledFonts(): readonly BundledFont[] {
  const dir = bundledFontDir();
  return [
    { path: join(dir, 'DejaVuSans.ttf'), weight: 'normal' },
    { path: join(dir, 'DejaVuSans-Bold.ttf'), weight: 'bold' },
  ];
}
