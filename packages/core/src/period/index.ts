export {
  type CivilDate,
  civilFromDay,
  dayFromCivil,
  formatDay,
  isoWeek,
  isoWeekday,
  parseDay,
} from './civil.js';
export {
  type DayPeriod,
  isPeriodGrain,
  PERIOD_GRAINS,
  type PeriodGrain,
  parsePeriodKey,
  periodOfDay,
} from './grain.js';
export {
  localDay,
  type Period,
  type PeriodShift,
  parseLocalDate,
  periodOf,
  periodOfLocalDay,
  previousPeriod,
  startOfLocalDay,
} from './local-time.js';
export {
  canonicalTimeZone,
  isTimeZone,
  type OffsetSegment,
  offsetAt,
  offsetSegments,
} from './time-zone.js';
