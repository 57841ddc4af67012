import type { CaseOwner } from '@npskit/core/schema';
import type { RespondentData } from '../store/types.js';
import { toCaseJson, toHistoryJson } from './case-json.js';
import { iso, toResponseJson } from './response-json.js';

/** The body of `GET /v1/respondents/{id}`: everything stored about one respondent, times in ISO. */
export function respondentJson(
  id: string,
  data: RespondentData,
  now: number,
  owners: ReadonlyMap<string, CaseOwner> = new Map(),
) {
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
    // Their follow-up cases, with every note (what caseworkers wrote about them is theirs to see).
    cases: data.cases.map((detail) => ({
      case: toCaseJson(detail.case, owners, now),
      history: detail.history.map(toHistoryJson),
    })),
  };
}
