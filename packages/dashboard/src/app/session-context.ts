import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from '../api/session.js';

/** The logged-in principal, for views that follow its role and scope. */
export const SessionContext = createContext<Session | null>(null);

/** The session; only called inside the logged-in app. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a session');
  return session;
}

/** The units (stores) a session is limited to, or undefined for all. */
export function scopedUnits(session: Session): readonly string[] | undefined {
  return session.scope.units;
}

/** True when the session may see the store `unit`. */
export function maySeeUnit(session: Session, unit: string): boolean {
  const units = scopedUnits(session);
  return units === undefined || units.includes(unit);
}

/** True when the session may see the survey `survey`. */
export function maySeeSurvey(session: Session, survey: string): boolean {
  const surveys = session.scope.surveys;
  return surveys === undefined || surveys.includes(survey);
}
