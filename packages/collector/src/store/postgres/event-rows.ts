export { EVENT_COLUMNS, type EventRow, toEventRecord } from '../event-records.js';
