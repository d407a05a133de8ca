import type { SessionUser } from '../../auth/session';
import type { AgreementStatus, AttendanceStatus, MeetingState } from '../../gql/graphql';
import { BEFORE_MOU } from '../agreement/permissions';

/**
 * What the meeting panel offers, as the server's MeetingService decides (it refuses anyway):
 * officers and admins schedule, open and close meetings and record any attendance line; an OPD
 * editor records only its own OPD's line; viewers only read.
 */
export function canManageMeetings(user: Pick<SessionUser, 'role'>): boolean {
  return user.role === 'ADMIN' || user.role === 'OFFICER';
}

/** Attendance is recorded until the meeting is closed or cancelled. */
export function attendanceOpen(state: MeetingState): boolean {
  return state === 'SCHEDULED' || state === 'IN_PROGRESS';
}

export function canRecordAttendance(user: Pick<SessionUser, 'role' | 'opd'>, line: { opd: { id: string } | null }): boolean {
  if (canManageMeetings(user)) return true;
  return user.role === 'OPD_EDITOR' && line.opd !== null && user.opd?.id === line.opd.id;
}

export const ATTENDANCE_STATUSES: AttendanceStatus[] = ['INVITED', 'PRESENT', 'ABSENT', 'REPRESENTED'];

/** Meetings are scheduled before the MoU is signed (the server's BEFORE_MOU); opened only in PLAN_DRAFTING. */
export function canScheduleMeeting(user: Pick<SessionUser, 'role'>, status: AgreementStatus): boolean {
  return canManageMeetings(user) && BEFORE_MOU.includes(status);
}
