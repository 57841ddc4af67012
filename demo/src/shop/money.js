const sek = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK' });

/** Formats an amount in Swedish kronor, e.g. `149 kr`. @param {number} amount */
export function formatSek(amount) {
  return sek.format(amount);
}
