/** One emotion a customer can pick after the score. `label` is per locale (`en`, `sv`, …). */
export interface EmotionOption {
  key: string;
  emoji: string;
  label: Readonly<Record<string, string>>;
}

/**
 * The default emotion set. Keys are stable (they are stored and analysed); emoji and labels are
 * presentation. Ordered from positive to negative; the widget may reorder by score so the most
 * likely feelings come first.
 */
export const DEFAULT_EMOTIONS: readonly EmotionOption[] = [
  { key: 'delighted', emoji: '😍', label: { en: 'Delighted', sv: 'Förtjust' } },
  { key: 'happy', emoji: '😊', label: { en: 'Happy', sv: 'Glad' } },
  { key: 'relieved', emoji: '😌', label: { en: 'Relieved', sv: 'Lättad' } },
  { key: 'indifferent', emoji: '😐', label: { en: 'Indifferent', sv: 'Likgiltig' } },
  { key: 'confused', emoji: '😕', label: { en: 'Confused', sv: 'Förvirrad' } },
  { key: 'frustrated', emoji: '😤', label: { en: 'Frustrated', sv: 'Frustrerad' } },
  { key: 'disappointed', emoji: '😞', label: { en: 'Disappointed', sv: 'Besviken' } },
];
