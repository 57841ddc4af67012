/**
 * @typedef {object} Product
 * @property {string} id
 * @property {string} name
 * @property {string} origin
 * @property {string} notes tasting notes
 * @property {number} price SEK per bag
 * @property {string} color accent colour of the bag illustration
 */

/** What the shop sells. Prices in SEK, 250 g bags. @type {readonly Product[]} */
export const PRODUCTS = [
  {
    id: 'bjork-morning',
    name: 'Björk Morning Roast',
    origin: 'Huila, Colombia',
    notes: 'Milk chocolate, red apple, a little honey.',
    price: 149,
    color: '#c8743c',
  },
  {
    id: 'skargard-espresso',
    name: 'Skärgård Espresso',
    origin: 'Sidamo, Ethiopia & Minas Gerais, Brazil',
    notes: 'Dark cocoa, blueberry, long caramel finish.',
    price: 169,
    color: '#4f6d7a',
  },
  {
    id: 'midnattsol-decaf',
    name: 'Midnattsol Decaf',
    origin: 'Cajamarca, Peru (sugar-cane decaf)',
    notes: 'Hazelnut, brown sugar, soft and round.',
    price: 139,
    color: '#8a6f9e',
  },
];

/** @param {string} id @returns {Product | undefined} */
export function findProduct(id) {
  return PRODUCTS.find((product) => product.id === id);
}

/**
 * @typedef {object} Store
 * @property {string} unit the `unit` context value responses are broken down by
 * @property {string} name
 * @property {string} employee who packs or hands over the order: the `employee` context value
 * @property {string} employeeName
 */

/** Where an order can be picked up; `web` is home delivery. @type {readonly Store[]} */
export const STORES = [
  {
    unit: 'stockholm-sodermalm',
    name: 'Pick up: Stockholm, Södermalm',
    employee: 'emp-elin',
    employeeName: 'Elin',
  },
  {
    unit: 'goteborg-haga',
    name: 'Pick up: Göteborg, Haga',
    employee: 'emp-omar',
    employeeName: 'Omar',
  },
  {
    unit: 'malmo-davidshall',
    name: 'Pick up: Malmö, Davidshall',
    employee: 'emp-sara',
    employeeName: 'Sara',
  },
  { unit: 'web', name: 'Home delivery (2–3 days)', employee: 'emp-jonas', employeeName: 'Jonas' },
];

/** @param {string} unit @returns {Store | undefined} */
export function findStore(unit) {
  return STORES.find((store) => store.unit === unit);
}
