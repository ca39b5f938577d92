/**
 * The reference plotter's named colours. Manifests name them (`threshold_lines[].color:
 * light_green`), so the names and hex values are part of the file format.
 */
export const PALETTE = {
  white: '#FFFFFF',
  light_green: '#7FBA82',
  dark_green: '#3A9D5D',
  light_blue: '#7F9FBA',
  dark_blue: '#3466FF',
  light_yellow: '#F7E17D',
  dark_yellow: '#E3C029',
  light_orange: '#F4B383',
  dark_orange: '#E07022',
  light_red: '#BA8A7F',
  dark_red: '#C9302C',
  light_gray: '#D3D3D3',
  gray: '#4A4A4A',
  black: '#000000',
  light_purple: '#B77FBA',
  dark_purple: '#800080',
  cream: '#EEE5D5',
} as const;

export type PaletteName = keyof typeof PALETTE;

/** A palette name becomes its hex value; anything else (`red`, `#123456`) is used as given. */
export function resolveColor(nameOrCss: string): string {
  return Object.hasOwn(PALETTE, nameOrCss) ? PALETTE[nameOrCss as PaletteName] : nameOrCss;
}
