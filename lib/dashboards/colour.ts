/** WCAG 2.x contrast: a share page's client colour is a background under white text. */

/** The relative luminance of #rrggbb (WCAG 2.2, 1.4.3). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** AA for normal text. */
export const AA_TEXT = 4.5;
export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** Whether white text on `hex` reaches AA (4.5:1): the header of a shared dashboard draws its title so. */
export function readableUnderWhite(hex: string): boolean {
  return HEX_COLOUR.test(hex) && contrastRatio(hex, "#ffffff") >= AA_TEXT;
}
