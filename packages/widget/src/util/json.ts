/**
 * `JSON.stringify` that ignores `toJSON` methods a host page added to built-in prototypes (old
 * Prototype.js defines `Array.prototype.toJSON`, which turns every array into a string): the
 * replacer runs after `toJSON` and hands back the original value from its holder.
 */
export function stringify(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key) {
    return this[key];
  });
}

/**
 * True when this page's JSON turns our kind of data into the JSON the collector expects. A page
 * that replaced `JSON.stringify` with something else gets no widget rather than garbage answers
 * (one that throws turns the widget off too, through the caller's guard).
 */
export const jsonWorks = (): boolean => stringify({ a: [1] }) === '{"a":[1]}';
