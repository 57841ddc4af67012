/**
 * localStorage that never throws: a private window or a full quota must not break the shop.
 * @param {string} key
 * @returns {unknown}
 */
export function readJson(key) {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

/** @param {string} key @param {unknown} value */
export function writeJson(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage unavailable: the shop still works for this page view.
  }
}
