import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { survey } from '../../test/helpers.js';
import type { MountProps } from './contract.js';
import { Survey } from './Survey.js';

const EN_QUESTION = 'How likely are you to recommend Acme to a friend or colleague?';
const SV_QUESTION = 'Hur troligt är det att du skulle rekommendera Acme till en vän eller kollega?';

function setup(overrides: Partial<MountProps> = {}) {
  const props: MountProps = {
    survey: survey({ emotions: { enabled: true } }),
    locale: 'en',
    identified: false,
    onAnswer: vi.fn(),
    onFollowup: vi.fn(),
    onDismiss: vi.fn(),
    onClose: vi.fn(),
    ...overrides,
  };
  render(<Survey {...props} />);
  return props;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('Survey', () => {
  it('with a score given elsewhere (an e-mail link) opens on the follow-up and does not answer again', () => {
    const props = setup({ score: 3 });
    expect(screen.queryByRole('radiogroup', { name: EN_QUESTION })).toBeNull();
    expect(props.onAnswer).not.toHaveBeenCalled();
    // Emotions for a detractor come negative first, as after a tap on 3.
    const first = screen.getAllByRole('radio')[0];
    expect(first?.textContent).toContain('Disappointed');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    // The thank-you of its category (see describe 'thank-you').
    expect(screen.getByText(/^Thank you/)).toBeTruthy();
    expect(props.onAnswer).not.toHaveBeenCalled();
  });

  it('with a score given and no follow-up configured, goes straight to thanks', () => {
    setup({ score: 10, survey: survey({ emotions: { enabled: false }, comment: false }) });
    // The thank-you of its category (see describe 'thank-you').
    expect(screen.getByText(/^Thank you/)).toBeTruthy();
  });

  it('is a non-modal dialog named by the question, with 11 radios 0–10 and end labels', () => {
    setup();
    const dialog = screen.getByRole('dialog', { name: EN_QUESTION });
    expect(dialog.getAttribute('aria-modal')).toBe('false');
    const group = screen.getByRole('radiogroup', { name: EN_QUESTION });
    const radios = Array.from(group.querySelectorAll('[role="radio"]'));
    expect(radios.map((radio) => radio.textContent)).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i)),
    );
    expect(screen.getByText('Not at all likely')).toBeTruthy();
    expect(screen.getByText('Extremely likely')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close' })).toBeTruthy();
  });

  it('records the score on the tap, then offers emotions and a comment, then thanks and closes', () => {
    vi.useFakeTimers();
    const props = setup();
    fireEvent.click(screen.getByRole('radio', { name: '9' }));
    expect(props.onAnswer).toHaveBeenCalledWith(9);
    expect(screen.queryByRole('radiogroup', { name: EN_QUESTION })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Happy' }));
    expect(screen.getByRole('radio', { name: 'Happy' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.input(screen.getByRole('textbox', { name: 'Anything you want to add?' }), {
      target: { value: '  Fast delivery ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(props.onFollowup).toHaveBeenNthCalledWith(1, { emotion: 'happy' });
    expect(props.onFollowup).toHaveBeenNthCalledWith(2, {
      emotion: 'happy',
      comment: 'Fast delivery',
    });
    expect(screen.getByText(/^Thank you!/)).toBeTruthy();
    expect(props.onClose).not.toHaveBeenCalled();
    vi.advanceTimersByTime(4000);
    expect(props.onClose).toHaveBeenCalled();
  });

  it('Skip goes to thanks without a follow-up', () => {
    const props = setup();
    fireEvent.click(screen.getByRole('radio', { name: '3' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(props.onFollowup).not.toHaveBeenCalled();
    expect(screen.getByText(/^Thank you/)).toBeTruthy();
  });

  it('sends a picked emotion at once: Skip afterwards keeps it and skips only the comment', () => {
    const props = setup();
    fireEvent.click(screen.getByRole('radio', { name: '9' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Happy' }));
    expect(props.onFollowup).toHaveBeenCalledWith({ emotion: 'happy' });
    fireEvent.click(screen.getByRole('radio', { name: 'Relieved' }));
    expect(props.onFollowup).toHaveBeenLastCalledWith({ emotion: 'relieved' });
    // Picking the chosen chip again sends nothing new.
    fireEvent.click(screen.getByRole('radio', { name: 'Relieved' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(props.onFollowup).toHaveBeenCalledTimes(2);
  });

  it('Send without a comment after an emotion sends nothing more', () => {
    const props = setup();
    fireEvent.click(screen.getByRole('radio', { name: '7' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Indifferent' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(props.onFollowup).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/Your answer helps us/)).toBeTruthy();
  });

  it('shows the chosen score on the follow-up step and lets the customer change it', () => {
    const props = setup();
    fireEvent.click(screen.getByRole('radio', { name: '3' }));
    expect(screen.getByText('Your answer: 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Frustrated' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    // The scale is back with the given score checked.
    const three = screen.getByRole('radio', { name: '3' });
    expect(three.getAttribute('aria-checked')).toBe('true');
    expect(three.tabIndex).toBe(0);
    fireEvent.click(screen.getByRole('radio', { name: '8' }));
    expect(vi.mocked(props.onAnswer).mock.calls).toEqual([[3], [8]]);
    // Back on the follow-up with the new score; the emotion picked before is still picked.
    expect(screen.getByText('Your answer: 8')).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Frustrated' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    // Choosing the same score again is no new answer.
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    fireEvent.click(screen.getByRole('radio', { name: '8' }));
    expect(props.onAnswer).toHaveBeenCalledTimes(2);
  });

  it('can change the score on the thank-you step when there is no follow-up', () => {
    const props = setup({ survey: survey({ comment: false }) });
    fireEvent.click(screen.getByRole('radio', { name: '2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    fireEvent.click(screen.getByRole('radio', { name: '9' }));
    expect(vi.mocked(props.onAnswer).mock.calls).toEqual([[2], [9]]);
    expect(screen.getByText(/glad you like Acme/)).toBeTruthy();
  });

  it('goes straight to thanks when emotions and comment are off', () => {
    setup({ survey: survey({ comment: false }) });
    fireEvent.click(screen.getByRole('radio', { name: '10' }));
    expect(screen.getByText(/^Thank you!/)).toBeTruthy();
  });

  it('orders the default emotions negative-first for detractors', () => {
    setup();
    fireEvent.click(screen.getByRole('radio', { name: '2' }));
    const emotions = screen.getAllByRole('radio').map((radio) => radio.textContent?.trim());
    expect(emotions[0]).toMatch(/Disappointed$/);
    expect(emotions.at(-1)).toMatch(/Delighted$/);
  });

  it('answers only once even on a double tap', () => {
    const props = setup({ survey: survey({ comment: false }) });
    const nine = screen.getByRole('radio', { name: '9' });
    fireEvent.click(nine);
    fireEvent.click(nine);
    expect(props.onAnswer).toHaveBeenCalledTimes(1);
  });
});

describe('keyboard', () => {
  it('uses a roving tabindex; arrows, Home and End move focus without answering', () => {
    const props = setup();
    const radio = (name: string) => screen.getByRole('radio', { name });
    expect(radio('0').tabIndex).toBe(0);
    expect(radio('1').tabIndex).toBe(-1);
    radio('0').focus();
    fireEvent.keyDown(radio('0'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(radio('1'));
    expect(radio('1').tabIndex).toBe(0);
    fireEvent.keyDown(radio('1'), { key: 'ArrowLeft' });
    fireEvent.keyDown(radio('0'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(radio('10'));
    fireEvent.keyDown(radio('10'), { key: 'Home' });
    expect(document.activeElement).toBe(radio('0'));
    fireEvent.keyDown(radio('0'), { key: 'End' });
    expect(document.activeElement).toBe(radio('10'));
    expect(props.onAnswer).not.toHaveBeenCalled();
  });

  it('emotion chips: arrows move focus without sending, Enter picks', () => {
    const props = setup();
    fireEvent.click(screen.getByRole('radio', { name: '9' }));
    const first = screen.getByRole('radio', { name: 'Delighted' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    const second = screen.getByRole('radio', { name: 'Happy' });
    expect(document.activeElement).toBe(second);
    expect(props.onFollowup).not.toHaveBeenCalled();
    fireEvent.click(second);
    expect(props.onFollowup).toHaveBeenCalledWith({ emotion: 'happy' });
  });

  it('Enter answers the focused score and focus follows into the follow-up', async () => {
    const props = setup();
    const seven = screen.getByRole('radio', { name: '7' });
    seven.focus();
    fireEvent.keyDown(seven, { key: 'Enter' });
    expect(props.onAnswer).toHaveBeenCalledWith(7);
    await waitFor(() => expect(document.activeElement?.textContent?.trim()).toMatch(/Delighted$/));
  });

  it('Space answers too', () => {
    const props = setup();
    fireEvent.keyDown(screen.getByRole('radio', { name: '4' }), { key: ' ' });
    expect(props.onAnswer).toHaveBeenCalledWith(4);
  });

  it('Escape dismisses and closes', () => {
    const props = setup();
    fireEvent.keyDown(screen.getByRole('radio', { name: '0' }), { key: 'Escape' });
    expect(props.onDismiss).toHaveBeenCalled();
    expect(props.onClose).toHaveBeenCalled();
  });

  it('the close button dismisses', () => {
    const props = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(props.onDismiss).toHaveBeenCalled();
  });

  it('arrow keys flip in right-to-left locales', () => {
    setup({ locale: 'ar' });
    const zero = screen.getByRole('radio', { name: '0' });
    zero.focus();
    fireEvent.keyDown(zero, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: '1' }));
    expect(screen.getByRole('dialog').getAttribute('dir')).toBe('rtl');
  });

  it('never moves focus on mount: a customer typing in a form keeps their caret', () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    setup();
    expect(document.activeElement).toBe(input);
    input.remove();
  });
});

describe('texts', () => {
  it('speaks Swedish with the built-in texts', () => {
    setup({ locale: 'sv-SE' });
    expect(screen.getByRole('radiogroup', { name: SV_QUESTION })).toBeTruthy();
    expect(screen.getByText('Inte alls troligt')).toBeTruthy();
    expect(screen.getByText('Mycket troligt')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stäng' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '8' }));
    expect(screen.getByRole('radio', { name: 'Glad' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Något du vill tillägga?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Skicka' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Hoppa över' }));
    expect(screen.getByText(/^Tack!/)).toBeTruthy();
    expect(screen.getByText('Ditt svar: 8')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ändra' })).toBeTruthy();
  });

  it('lets the survey override any string per locale, with {brand} filled in', () => {
    setup({
      survey: survey({
        brand: 'Butiken',
        texts: {
          sv: { question: 'Skulle du tipsa en vän om {brand}?', thanks: 'Tack så mycket!' },
        },
      }),
      locale: 'sv',
    });
    expect(screen.getByRole('dialog', { name: 'Skulle du tipsa en vän om Butiken?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Hoppa över' }));
    expect(screen.getByText('Tack så mycket!')).toBeTruthy();
  });

  it('shows the sender on every step', () => {
    setup({ survey: survey({ sender: { name: 'Maja Berg', title: 'Kundansvarig' } }) });
    expect(screen.getByText('Maja Berg')).toBeTruthy();
    expect(screen.getByText('Kundansvarig')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '6' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(screen.getByText('Maja Berg')).toBeTruthy();
  });

  it('translates every sender field per locale', () => {
    const translated = survey({
      sender: { name: 'Elin Berg', title: 'Customer care' },
      texts: {
        sv: { senderTitle: 'Kundtjänst' },
        de: { senderName: 'Elin B.', senderTitle: 'Kundendienst' },
      },
    });
    setup({ survey: translated, locale: 'sv-SE' });
    expect(screen.getByText('Elin Berg')).toBeTruthy();
    expect(screen.getByText('Kundtjänst')).toBeTruthy();
    expect(screen.queryByText('Customer care')).toBeNull();
    cleanup();
    setup({ survey: translated, locale: 'de' });
    expect(screen.getByText('Elin B.')).toBeTruthy();
    expect(screen.getByText('Kundendienst')).toBeTruthy();
  });
});

describe('on a phone (the dialog is a bottom sheet)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('keeps the comment box folded behind its question until the customer asks for it', () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query === '(max-width: 480px)' }));
    const props = setup();
    fireEvent.click(screen.getByRole('radio', { name: '8' }));
    expect(screen.queryByRole('textbox')).toBeNull();
    // One row of actions: Skip until an emotion is picked, then Send (it is sent already).
    expect(screen.getByRole('button', { name: 'Skip' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Happy' }));
    expect(screen.queryByRole('button', { name: 'Skip' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    const ask = screen.getByRole('button', { name: 'Anything you want to add?' });
    fireEvent.click(ask);
    const box = screen.getByRole('textbox', { name: 'Anything you want to add?' });
    // The customer asked for it: focus goes there (and only then).
    expect(document.activeElement).toBe(box);
    fireEvent.input(box, { target: { value: 'Quick pickup' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(props.onFollowup).toHaveBeenLastCalledWith({
      emotion: 'happy',
      comment: 'Quick pickup',
    });
  });
});

describe('thank-you', () => {
  const thanks = { promoterUrl: 'https://reviews.example/acme', detractorContact: true };
  const finish = (score: string, skip = 'Skip') => {
    fireEvent.click(screen.getByRole('radio', { name: score }));
    fireEvent.click(screen.getByRole('button', { name: skip }));
    return screen.getByRole('status');
  };

  it('offers promoters the configured link, in a new tab', () => {
    setup({ survey: survey({ thanks }) });
    const status = finish('10');
    expect(status.textContent).toMatch(/glad you like Acme/);
    const link = screen.getByRole('link', { name: 'Leave a review' });
    expect(link.getAttribute('href')).toBe('https://reviews.example/acme');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(status.textContent).not.toMatch(/get in touch/);
  });

  it('never renders a promoter link that is not https or a path on the site', () => {
    for (const promoterUrl of ['javascript:alert(1)', '//evil.example', 'http://plain.example']) {
      setup({ survey: survey({ thanks: { promoterUrl } }) });
      finish('10');
      expect(screen.queryByRole('link')).toBeNull();
      cleanup();
    }
    setup({ survey: survey({ thanks: { promoterUrl: '/refer' } }) });
    finish('9');
    expect(screen.getByRole('link').getAttribute('href')).toBe('/refer');
  });

  it('tells an identified detractor that someone will get in touch, when the survey says so', () => {
    setup({ survey: survey({ thanks }), identified: true });
    const status = finish('4');
    expect(status.textContent).toMatch(/sorry we let you down/);
    expect(status.textContent).toMatch(/Someone from Acme will get in touch with you\./);
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('promises no contact to an anonymous detractor, or where the survey does not open cases', () => {
    setup({ survey: survey({ thanks }), identified: false });
    expect(finish('4').textContent).not.toMatch(/get in touch/);
    cleanup();
    setup({ survey: survey({ thanks: { promoterUrl: thanks.promoterUrl } }), identified: true });
    expect(finish('4').textContent).not.toMatch(/get in touch/);
  });

  it('thanks passives without a link or a promise', () => {
    setup({ survey: survey({ thanks }), identified: true });
    const status = finish('8');
    expect(status.textContent).toBe('Thank you! Your answer helps us do better.');
  });

  it('speaks the locale, and the survey can override each category', () => {
    setup({
      survey: survey({ thanks, texts: { sv: { thanksPromoter: 'Tusen tack, {brand}-vän!' } } }),
      locale: 'sv',
      identified: true,
    });
    expect(finish('9', 'Hoppa över').textContent).toMatch(/^Tusen tack, Acme-vän!/);
    expect(screen.getByRole('link', { name: 'Skriv ett omdöme' })).toBeTruthy();
    cleanup();
    setup({ survey: survey({ thanks }), locale: 'sv', identified: true });
    expect(finish('1', 'Hoppa över').textContent).toMatch(/Någon från Acme kommer att höra av sig/);
  });

  it('stays longer when it offers something to read or tap', () => {
    vi.useFakeTimers();
    const props = setup({ survey: survey({ thanks }) });
    finish('10');
    vi.advanceTimersByTime(4000);
    expect(props.onClose).not.toHaveBeenCalled();
    vi.advanceTimersByTime(8000);
    expect(props.onClose).toHaveBeenCalled();
  });
});
