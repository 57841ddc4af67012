const DAY_MS = 86_400_000;
/** 0000-01-01T00:00:00Z: before it `toISOString` writes a six-digit `-YYYYYY` year. */
export const YEAR_0 = -62_167_219_200_000;
/** 10000-01-01T00:00:00Z: from here on `toISOString` writes a six-digit `+YYYYYY` year. */
export const YEAR_10000 = 253_402_300_800_000;
const pad = (width: number) => (_: unknown, i: number) => String(i).padStart(width, '0');
const TWO = Array.from({ length: 60 }, pad(2));
const THREE = Array.from({ length: 1000 }, pad(3));

/**
 * A formatter of epoch ms as `Date#toISOString` writes them, byte for byte, about five times faster
 * on export rows: the `YYYY-MM-DDT` part is made once per day (consecutive rows are mostly of the
 * same day) and the time of day from lookup tables. Times before 1970, from year 10000 on, or not
 * whole ms go to `toISOString` itself. Each formatter keeps its own one-day cache.
 *
 * @example createIsoTime()(0) // '1970-01-01T00:00:00.000Z'
 */
export function createIsoTime(): (ms: number) => string {
  let cachedDay = Number.NaN;
  let prefix = '';
  return (ms) => {
    if (!(ms >= 0 && ms < YEAR_10000) || !Number.isInteger(ms)) return new Date(ms).toISOString();
    const day = Math.floor(ms / DAY_MS);
    if (day !== cachedDay) {
      cachedDay = day;
      prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    let rest = ms - day * DAY_MS;
    const milli = rest % 1000;
    rest = (rest - milli) / 1000;
    const second = rest % 60;
    rest = (rest - second) / 60;
    const minute = rest % 60;
    const hour = (rest - minute) / 60;
    return `${prefix}${TWO[hour]}:${TWO[minute]}:${TWO[second]}.${THREE[milli]}Z`;
  };
}
