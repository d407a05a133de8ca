import type { AuthLostReason } from '../data/apollo';

/** The signed-in user as the app keeps it (from login's AuthPayload.user). */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: 'ADMIN' | 'OFFICER' | 'OPD_EDITOR' | 'VIEWER';
  opd: { id: string; code: string; name: string } | null;
}

export interface Session {
  token: string;
  user: SessionUser;
}

// sessionStorage: the token lives as long as the browser tab, is not shared with other tabs and is
// gone when the tab closes (the README's promise for every first-party client).
const SESSION_KEY = 'jalin.session';
const REASON_KEY = 'jalin.signedOutBecause';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null) {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

/** Remembered across the redirect to /masuk so the sign-in page can say why. */
export function setSignOutReason(reason: AuthLostReason | null) {
  if (reason) sessionStorage.setItem(REASON_KEY, reason);
  else sessionStorage.removeItem(REASON_KEY);
}

export function takeSignOutReason(): AuthLostReason | null {
  const reason = sessionStorage.getItem(REASON_KEY) as AuthLostReason | null;
  sessionStorage.removeItem(REASON_KEY);
  return reason;
}
