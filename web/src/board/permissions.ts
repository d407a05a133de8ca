import type { SessionUser } from '../auth/session';
import type { Activity } from './boardState';

/** Only PLAN_DRAFTING takes board changes (the server's isBoardEditable). */
export function boardEditable(status: string): boolean {
  return status === 'PLAN_DRAFTING';
}

/** Who may change which activity, as the server's access policy decides (the server refuses anyway). */
export function canChangeActivity(user: SessionUser, activity: Pick<Activity, 'opd'>): boolean {
  if (user.role === 'ADMIN' || user.role === 'OFFICER') return true;
  return user.role === 'OPD_EDITOR' && user.opd?.id === activity.opd.id;
}

export function canAdd(user: SessionUser): boolean {
  return user.role === 'ADMIN' || user.role === 'OFFICER' || (user.role === 'OPD_EDITOR' && user.opd !== null);
}

export const EDITABLE_FIELDS = ['title', 'scope', 'benefit', 'output', 'decision'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
