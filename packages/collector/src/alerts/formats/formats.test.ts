import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../store/outbox-types.js';
import type { AlertData } from '../alert-data.js';
import { emailContent } from './email.js';
import { jsonBody } from './json.js';
import { slackBody } from './slack.js';
import { teamsBody } from './teams.js';

/** A comment that tries everything a chat or mail client might act on. */
const HOSTILE =
  'Call <!channel> @here now! <https://evil.example/win|Free coffee> [win](https://evil.example) ' +
  '*bold* _it_ ~x~ `code` www.evil.example mail x@evil.example <at>Boss</at> <script>alert(1)</script> & done';

const response = {
  responseId: '7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  siteKey: 'pk_demo_shop_0001',
  surveyId: 'checkout',
  surveyKind: 'transactional' as const,
  score: 2,
  category: 'detractor' as const,
  emotion: 'frustrated',
  comment: HOSTILE,
  customerId: 'cust-<b>42</b>',
  verified: false,
  context: { unit: 'malmo <!here>', orderId: 'A-1001', orderValue: 349, currency: 'SEK' },
  answeredAt: '2025-06-02T10:00:00.000Z',
  receivedAt: '2025-06-02T10:00:01.000Z',
};

const message = (data: AlertData, id = '0d9c6a1e-3f0b-4c44-9d2e-0a1b2c3d4e5f'): OutboxMessage => ({
  id,
  destination: 'hook:x',
  type: data.type,
  data: data as unknown as Record<string, unknown>,
  attempts: 1,
  createdAt: 0,
});

const detractor = message({
  type: 'detractor',
  eventId: 'e1',
  siteName: 'Nordic Coffee',
  response,
  caseId: 'c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f',
});
const caseOpened = message({
  type: 'case_opened',
  siteName: 'Nordic Coffee',
  case: {
    caseId: 'c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f',
    status: 'open',
    ownerId: 'malmo-manager',
    unit: 'malmo',
    touchpoint: 'checkout',
    surveyId: 'checkout',
    score: 2,
    category: 'detractor',
    openedAt: '2025-06-02T10:00:01.000Z',
    dueAt: '2025-06-04T10:00:01.000Z',
  },
  owner: { id: 'malmo-manager', name: 'Malmö manager' },
  response,
});
const base = { publicUrl: 'https://nps.shop.example' };

/** Every string in a JSON value, recursively. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** No live link, mention or markup left from the customer's text. */
function expectDefused(texts: string[]) {
  const all = texts.join('\n');
  expect(all).not.toMatch(/<!(channel|here)/);
  expect(all).not.toMatch(/<https?:/);
  expect(all).not.toContain('https://evil.example');
  expect(all).not.toContain('www.evil.example');
  expect(all).not.toContain('x@evil.example');
  expect(all).not.toContain('<at>');
  expect(all).not.toContain('@here');
}

describe('Slack Block Kit', () => {
  it('is a Block Kit message: title, fields, the comment as a quote, a button to the case', () => {
    const body = slackBody([detractor], base) as {
      text: string;
      blocks: Array<{ type: string; text?: { type: string; verbatim: boolean; text: string } }>;
      unfurl_links: boolean;
      unfurl_media: boolean;
    };
    expect(body.unfurl_links).toBe(false);
    expect(body.unfurl_media).toBe(false);
    expect(body.blocks.map((block) => block.type)).toEqual([
      'section',
      'section',
      'section',
      'actions',
    ]);
    expect(body.text).toBe('Detractor: 2/10 (detractor) — Nordic Coffee');
    expect(body.blocks[3]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open the case' },
          url: 'https://nps.shop.example/dashboard/cases/c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f',
        },
      ],
    });
    for (const block of body.blocks) {
      if (block.text) expect(block.text).toMatchObject({ type: 'mrkdwn', verbatim: true });
    }
  });

  it('escapes the customer’s text: no mention, no link, no formatting, and never in the notification text', () => {
    const body = slackBody([detractor], base) as { text: string; blocks: unknown[] };
    expect(body.text).not.toContain('Call');
    const texts = strings(body.blocks).filter(
      (text) => !text.startsWith('https://nps.shop.example'),
    );
    expectDefused(texts);
    const quote = texts.find((text) => text.startsWith('>')) ?? '';
    expect(quote).toContain('&lt;!channel&gt;');
    expect(quote).toContain('&lt;script&gt;');
    expect(quote).toContain('&amp; done');
    expect(quote).not.toMatch(/(^|[^\u2060])\*bold\*/);
    expect(JSON.stringify(body)).toContain('cust-&lt;b&gt;42&lt;/b&gt;');
  });

  it('summarises a flood in one message listing the first ten', () => {
    const flood = Array.from({ length: 13 }, (_, i) =>
      message(detractor.data as unknown as AlertData, `id-${i}`),
    );
    const body = slackBody(flood, base) as {
      text: string;
      blocks: Array<{ text?: { text: string } }>;
    };
    expect(body.text).toBe('13 new alerts');
    const list = body.blocks[1]?.text?.text ?? '';
    expect(list.split('\n').filter((line) => line.startsWith('•'))).toHaveLength(10);
    expect(list).toContain('…and 3 more');
    expectDefused([list]);
  });

  it('shows a relative link as text when the collector has no public URL', () => {
    const body = slackBody([detractor], { publicUrl: undefined }) as {
      blocks: Array<{ type: string }>;
    };
    expect(body.blocks.at(-1)?.type).toBe('context');
  });
});

describe('Microsoft Teams Adaptive Card', () => {
  it('is a workflow-webhook message with one Adaptive Card 1.4 of plain text runs', () => {
    const body = teamsBody([caseOpened], base) as {
      type: string;
      attachments: Array<{
        contentType: string;
        contentUrl: null;
        content: Record<string, unknown>;
      }>;
    };
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const [attachment] = body.attachments;
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.contentUrl).toBeNull();
    expect(attachment?.content).toMatchObject({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.4',
      actions: [
        {
          type: 'Action.OpenUrl',
          title: 'Open the case',
          url: 'https://nps.shop.example/dashboard/cases/c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f',
        },
      ],
    });
    // No TextBlock (which renders markdown): every string is a TextRun.
    expect(JSON.stringify(attachment?.content)).not.toContain('"TextBlock"');
    expect(JSON.stringify(attachment?.content)).toContain('New case for Malmö manager: 2/10');
  });

  it('defuses the customer’s text', () => {
    const body = teamsBody([caseOpened], base) as {
      attachments: Array<{ content: { body: unknown } }>;
    };
    expectDefused(strings(body.attachments[0]?.content.body));
  });
});

describe('e-mail', () => {
  it('keeps the customer’s text out of the subject, escapes it in HTML and defangs links in both parts', () => {
    const mail = emailContent([caseOpened], base);
    expect(mail.subject).toBe(
      '[npskit] New case for Malmö manager: 2/10 (detractor) — Nordic Coffee',
    );
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain(
      '<a href="https://nps.shop.example/dashboard/cases/c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f">Open the case</a>',
    );
    const withoutOwnLink = (text: string) => text.replaceAll('https://nps.shop.example', '');
    expectDefused([withoutOwnLink(mail.html)]);
    // Plain text shows markup as typed (a mail client renders none of it); links are still defanged.
    for (const live of ['https://evil.example', 'www.evil.example', 'x@evil.example']) {
      expect(withoutOwnLink(mail.text)).not.toContain(live);
    }
    expect(mail.text).toContain('Customer: cust-<b>42</b>');
  });
});

describe('generic JSON', () => {
  it('carries the data unescaped and a summary escaped for chat markup', () => {
    const body = jsonBody(detractor, base);
    expect(body).toMatchObject({
      id: detractor.id,
      type: 'detractor',
      comment: HOSTILE,
      respondent: { customerId: 'cust-<b>42</b>' },
    });
    expectDefused([String(body.text)]);
  });

  it('describes a case with its owner and links', () => {
    expect(jsonBody(caseOpened, base)).toMatchObject({
      type: 'case_opened',
      case: { caseId: 'c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f', dueAt: '2025-06-04T10:00:01.000Z' },
      owner: { id: 'malmo-manager', name: 'Malmö manager' },
      response: { comment: HOSTILE },
      links: {
        case: 'https://nps.shop.example/dashboard/cases/c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f',
        api: '/v1/cases/c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f',
      },
    });
  });
});
