import type { RespondentData } from '../store/types.js';
import { iso, toResponseJson } from './response-json.js';

/** The body of `GET /v1/respondents/{id}`: everything stored about one respondent, times in ISO. */
export function respondentJson(id: string, data: RespondentData, now: number) {
  return {
    respondent: id,
    exportedAt: new Date(now).toISOString(),
    erased: data.erased,
    responses: data.responses.map(toResponseJson),
    events: data.events.map((event) => ({
      ...event,
      at: iso(event.at),
      clientAt: iso(event.clientAt),
      receivedAt: iso(event.receivedAt),
    })),
    reservations: data.reservations.map((reservation) => ({
      ...reservation,
      at: iso(reservation.at),
    })),
  };
}
