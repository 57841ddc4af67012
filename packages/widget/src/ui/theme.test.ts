import { describe, expect, it } from 'vitest';
import { CSS, EMOJI_FONTS } from './styles.js';
import { themeCss } from './theme.js';

describe('themeCss', () => {
  it('turns a survey theme into the stylesheet variables, dark colours under the media query', () => {
    expect(
      themeCss({
        accent: '#2f4a3a',
        accentText: '#fff',
        background: '#fffdf9',
        text: '#2b2420',
        muted: '#6d6159',
        radius: 14,
        font: '"Source Sans 3", system-ui',
        dark: { accent: '#8fc2a1', background: '#27221f' },
      }),
    ).toBe(
      '.card{--a:#2f4a3a;--o:#fff;--b:#fffdf9;--f:#2b2420;--m:#6d6159;--r:14px;--ff:"Source Sans 3", system-ui;}' +
        '@media (prefers-color-scheme:dark){.card{--a:#8fc2a1;--b:#27221f;}}',
    );
  });

  it('is empty without a theme, and leaves out anything that could escape its rule', () => {
    expect(themeCss(undefined)).toBe('');
    expect(themeCss({})).toBe('');
    const hostile = themeCss({
      accent: 'red;}*{display:none',
      font: 'x;}*{color:red',
      radius: 1e9,
      dark: { text: '#000}' },
    } as never);
    expect(hostile).toBe('');
  });
});

describe('the stylesheet', () => {
  it('ends every text font stack with colour-emoji fonts, and draws emoji with them first', () => {
    expect(CSS).toContain(`font:15px/1.4 var(--ff),${EMOJI_FONTS}`);
    expect(CSS).toContain(`.emoji{font-family:${EMOJI_FONTS},sans-serif}`);
    expect(EMOJI_FONTS).toContain('"Noto Color Emoji"');
  });

  it('has no tap highlight on buttons and links (rounded chips would flash a rectangle)', () => {
    expect(CSS).toMatch(/button,a\{[^}]*-webkit-tap-highlight-color:transparent/);
  });
});
