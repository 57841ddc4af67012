import { describe, expect, it } from 'vitest';
import { underRepresented } from './reach.js';

describe('underRepresented', () => {
  it('names segments answering at less than half the overall rate', () => {
    const segments = [
      { key: 'web', displays: 400, responseRate: 0.1 },
      { key: 'malmo', displays: 300, responseRate: 0.35 },
      { key: 'haga', displays: 300, responseRate: 0.19 },
    ];
    expect(underRepresented(segments, 0.4)).toEqual(['web', 'haga']);
  });

  it('does not judge segments with too few displays or no rate', () => {
    const segments = [
      { key: 'tiny', displays: 5, responseRate: 0 },
      { key: 'none', displays: 100, responseRate: null },
    ];
    expect(underRepresented(segments, 0.4)).toEqual([]);
  });

  it('says nothing without an overall rate', () => {
    expect(underRepresented([{ key: 'a', displays: 100, responseRate: 0 }], null)).toEqual([]);
  });
});
