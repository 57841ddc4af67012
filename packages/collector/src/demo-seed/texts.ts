import type { CategoryName } from '../store/types.js';

/** Comments customers write, per category, in Swedish and English (about 3 : 1). */
export const COMMENTS: Readonly<
  Record<CategoryName, { sv: readonly string[]; en: readonly string[] }>
> = {
  promoter: {
    sv: [
      'Supergod kaffe och snabb service, kommer tillbaka!',
      'Personalen var så trevlig och gav bra tips om bryggning.',
      'Björk Morning är min nya favorit.',
      'Beställningen var klar precis när jag kom. Toppen!',
      'Alltid lika gott, och påsen luktar fantastiskt.',
      'Bästa espresso jag köpt hemma. Tack!',
    ],
    en: [
      'Lovely coffee and friendly staff.',
      'Quick pickup, great beans, will order again.',
      'The Skärgård Espresso is fantastic.',
    ],
  },
  passive: {
    sv: [
      'Gott kaffe men lite dyrt.',
      'Helt okej, men kön var lång.',
      'Bra, men jag saknar en mellanrost.',
      'Leveransen tog en dag längre än utlovat.',
    ],
    en: ['Good coffee, a bit pricey.', 'Fine, but the shop was crowded.', 'OK, nothing special.'],
  },
  detractor: {
    sv: [
      'Beställningen var inte klar när jag kom, fick vänta i 20 minuter.',
      'Lång kö och ingen som hälsade.',
      'Fel kaffe i påsen, och ingen kunde hjälpa mig.',
      'Paketet kom tre dagar för sent.',
      'Otrevligt bemötande vid upphämtningen.',
      'Kaffet smakade bränt den här gången.',
    ],
    en: [
      'My order was not ready and nobody could tell me when it would be.',
      'Long queue and the staff seemed stressed.',
      'Delivery was late and the bag was torn.',
    ],
  },
};

/** Emotion keys (core's default set) people pick after each category, with weights. */
export const EMOTIONS: Readonly<Record<CategoryName, readonly (readonly [string, number])[]>> = {
  promoter: [
    ['delighted', 5],
    ['happy', 6],
    ['relieved', 1],
  ],
  passive: [
    ['happy', 3],
    ['indifferent', 4],
    ['relieved', 1],
    ['confused', 1],
  ],
  detractor: [
    ['frustrated', 5],
    ['disappointed', 4],
    ['confused', 2],
    ['indifferent', 1],
  ],
};
