import type { SurveyTheme } from '@npskit/core/schema';

type Palette = Omit<SurveyTheme, 'radius' | 'font' | 'dark'>;

/** Theme colour → the stylesheet's internal variable (see styles.ts). */
const VARIABLES: Array<[keyof Palette, string]> = [
  ['accent', '--a'],
  ['accentText', '--o'],
  ['background', '--b'],
  ['text', '--f'],
  ['muted', '--m'],
];

// The collector validates themes with the same patterns; inline surveys are not validated in the
// browser, so only values that can't close a rule or a block ever reach the stylesheet.
const HEX = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const FONT = /^[A-Za-z0-9 ,"'_-]{1,200}$/;

function declarations(palette: Palette | undefined): string {
  return VARIABLES.map(([key, variable]) => {
    const value = palette?.[key];
    return typeof value === 'string' && HEX.test(value) ? `${variable}:${value};` : '';
  }).join('');
}

/**
 * CSS for a survey's `theme`, appended after the base stylesheet so it wins over the page-wide
 * `--npskit-*` variables: colours (and `dark` ones under `prefers-color-scheme: dark`), the corner
 * radius and a font list (the base sheet appends colour-emoji fonts to it).
 *
 * @example themeCss({ accent: '#2f4a3a', dark: { accent: '#8fc2a1' } })
 * // '.card{--a:#2f4a3a;}@media (prefers-color-scheme:dark){.card{--a:#8fc2a1;}}'
 */
export function themeCss(theme: SurveyTheme | undefined): string {
  if (!theme) return '';
  let light = declarations(theme);
  const { radius } = theme;
  if (typeof radius === 'number' && Number.isInteger(radius) && radius >= 0 && radius <= 32) {
    light += `--r:${radius}px;`;
  }
  if (typeof theme.font === 'string' && FONT.test(theme.font)) light += `--ff:${theme.font};`;
  const dark = declarations(theme.dark);
  return (
    (light ? `.card{${light}}` : '') +
    (dark ? `@media (prefers-color-scheme:dark){.card{${dark}}}` : '')
  );
}
