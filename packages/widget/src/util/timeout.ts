/**
 * Rejects when `promise` has not settled within `ms`; used so a hanging IndexedDB or fetch can't
 * stall us. No `finally`: host pages with an old Promise polyfill don't have it.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = (value: T) => {
    clearTimeout(timer);
    return value;
  };
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]).then(done, (error: unknown) => {
    clearTimeout(timer);
    throw error;
  });
}
