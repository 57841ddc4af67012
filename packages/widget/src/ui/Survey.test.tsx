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
    expect(screen.getByText('Thank you!')).toBeTruthy();
    expect(props.onAnswer).not.toHaveBeenCalled();
  });

  it('with a score given and no follow-up configured, goes straight to thanks', () => {
    setup({ score: 10, survey: survey({ emotions: { enabled: false }, comment: false }) });
    expect(screen.getByText('Thank you!')).toBeTruthy();
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
    expect(props.onFollowup).toHaveBeenCalledWith({ emotion: 'happy', comment: 'Fast delivery' });
    expect(screen.getByText('Thank you!')).toBeTruthy();
    expect(props.onClose).not.toHaveBeenCalled();
    vi.advanceTimersByTime(4000);
    expect(props.onClose).toHaveBeenCalled();
  });

  it('Skip goes to thanks without a follow-up', () => {
    const props = setup();
    fireEvent.click(screen.getByRole('radio', { name: '3' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(props.onFollowup).not.toHaveBeenCalled();
    expect(screen.getByText('Thank you!')).toBeTruthy();
  });

  it('goes straight to thanks when emotions and comment are off', () => {
    setup({ survey: survey({ comment: false }) });
    fireEvent.click(screen.getByRole('radio', { name: '10' }));
    expect(screen.getByText('Thank you!')).toBeTruthy();
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
    expect(screen.getByText('Tack!')).toBeTruthy();
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

  it('shows the sender', () => {
    setup({ survey: survey({ sender: { name: 'Maja Berg', title: 'Kundansvarig' } }) });
    expect(screen.getByText('Maja Berg')).toBeTruthy();
    expect(screen.getByText('Kundansvarig')).toBeTruthy();
  });
});
