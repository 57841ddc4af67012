import { readFileSync } from 'node:fs';
import { surveyDefinitionSchema } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import { emailFragment } from './email-fragment.js';
import { invitationLinks } from './links.js';
import { surveyTexts } from './texts.js';

const survey = (extra: Record<string, unknown> = {}) =>
  surveyDefinitionSchema.parse({
    id: 'relationship',
    kind: 'relationship',
    brand: 'Nordic Coffee',
    sampling: { rate: 1 },
    triggers: [{ on: 'pageview' }],
    ...extra,
  });
const links = invitationLinks('https://nps.example/', 'i1.abc.def');
const EXPIRES = Date.parse('2025-07-01T00:00:00Z');

describe('emailFragment', () => {
  it('has the question, eleven score links in order, the end labels and the expiry day', () => {
    const html = emailFragment({ survey: survey(), locale: 'en', links, expiresAt: EXPIRES });
    expect(html).toContain(
      'How likely are you to recommend Nordic Coffee to a friend or colleague?',
    );
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
    expect(hrefs.slice(0, 11)).toEqual(
      Array.from({ length: 11 }, (_, n) => `https://nps.example/s/i1.abc.def?score=${n}`),
    );
    expect(hrefs.slice(11)).toEqual([
      'https://nps.example/s/i1.abc.def',
      'https://nps.example/s/i1.abc.def/t',
    ]);
    expect(html).toContain('>Not at all likely<');
    expect(html).toContain('>Extremely likely<');
    expect(html).toContain('The links work until 2025-06-30.');
    expect(html).toContain('src="https://nps.example/s/i1.abc.def/o.gif"');
  });

  it('works without script or stylesheet: tables, inline styles, no JavaScript anywhere', () => {
    const html = emailFragment({ survey: survey(), locale: 'sv', links, expiresAt: EXPIRES });
    expect(html).not.toMatch(/<script|<style|javascript:|on[a-z]+=|<link|@import|class=/i);
    expect(html.match(/<table/g)).toHaveLength(3);
    // The trap is empty and hidden: nothing to see, tab to or read out.
    expect(html).toMatch(
      /<a href="[^"]+\/t" tabindex="-1" aria-hidden="true" style="display:none;"><\/a>/,
    );
    expect(html).toContain('Svara i webbläsaren');
    expect(html).toContain('lang="sv"');
  });

  it('escapes every text from the config and takes only hex theme colours', () => {
    const html = emailFragment({
      survey: survey({
        brand: 'A&B "<b>"',
        sender: { name: '<img src=x>', title: "O'Brien" },
        texts: { en: { lowLabel: '</td><script>' } },
      }),
      locale: 'en',
      links,
      expiresAt: EXPIRES,
    });
    expect(html).toContain('A&amp;B &quot;&lt;b&gt;&quot;');
    expect(html).toContain('&lt;img src=x&gt;');
    expect(html).toContain('O&#39;Brien');
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;');
    expect(html).not.toContain('<img src=x>');
    const themed = emailFragment({
      survey: {
        ...survey(),
        theme: { accent: 'red;background:url(x)', accentText: '#123456' },
      } as never,
      locale: 'en',
      links,
      expiresAt: EXPIRES,
    });
    expect(themed).toContain('bgcolor="#2f5bea"');
    expect(themed).toContain('color:#123456;');
    expect(themed).not.toContain('url(x)');
  });
});

describe('survey texts', () => {
  it('are the widget’s built-in texts, word for word (the e-mail says what the card says)', () => {
    const source = readFileSync(
      new URL('../../../widget/src/ui/texts.ts', import.meta.url),
      'utf8',
    );
    for (const locale of ['en', 'sv']) {
      const texts = surveyTexts({ brand: '{brand}', texts: undefined }, locale);
      for (const [key, text] of Object.entries(texts)) {
        expect(source, `${locale}.${key}`).toContain(`${key}: '${text}'`);
      }
    }
  });

  it('follow the survey’s own texts per language, then per exact locale', () => {
    const texts = { sv: { question: 'Rekommendera {brand}?' }, 'sv-FI': { lowLabel: 'Nej' } };
    expect(surveyTexts({ brand: 'X', texts }, 'sv-FI')).toMatchObject({
      question: 'Rekommendera X?',
      lowLabel: 'Nej',
      highLabel: 'Mycket troligt',
    });
    expect(surveyTexts({ brand: 'X', texts }, 'de').question).toContain('How likely');
  });
});
