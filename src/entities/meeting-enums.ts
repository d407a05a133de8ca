import { registerEnumType } from 'type-graphql';

/** Where a drafting meeting (rapat pembahasan) stands. */
export enum MeetingState {
  SCHEDULED = 'SCHEDULED',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

/** Whether an invited OPD or person came. */
export enum AttendanceStatus {
  INVITED = 'INVITED',
  PRESENT = 'PRESENT',
  ABSENT = 'ABSENT',
  REPRESENTED = 'REPRESENTED',
}

/** The documents Jalin writes itself from what it holds. */
export enum GeneratedDocumentKind {
  MINUTES = 'MINUTES',
  ACTIVITY_ANNEX = 'ACTIVITY_ANNEX',
  ACTION_PLAN = 'ACTION_PLAN',
}

registerEnumType(MeetingState, {
  name: 'MeetingState',
  description: 'Where a drafting meeting stands: SCHEDULED → IN_PROGRESS → CLOSED, or CANCELLED',
  valuesConfig: {
    SCHEDULED: { description: 'Planned; nothing is tagged with it yet (openMeeting starts it)' },
    IN_PROGRESS: { description: 'Being held: every board change of its agreement is tagged with it' },
    CLOSED: { description: 'Over; its decisions are frozen (closeMeeting). Final' },
    CANCELLED: { description: 'Called off before it closed (cancelMeeting). Final' },
  },
});
registerEnumType(AttendanceStatus, {
  name: 'AttendanceStatus',
  description: 'Whether an invited OPD or person attended the meeting',
  valuesConfig: {
    INVITED: { description: 'Invited; attendance not recorded yet' },
    PRESENT: { description: 'Present (hadir)' },
    ABSENT: { description: 'Absent (tidak hadir)' },
    REPRESENTED: { description: 'Represented by someone else (diwakili); representedBy names them' },
  },
});
registerEnumType(GeneratedDocumentKind, {
  name: 'GeneratedDocumentKind',
  description: 'A document Jalin writes (DOCX) from its own records',
  valuesConfig: {
    MINUTES: { description: 'Minutes of a drafting meeting (berita acara rapat); a draft while the meeting is in progress' },
    ACTIVITY_ANNEX: { description: "The MoU's activity annex (lampiran rencana kegiatan): accepted activities by OPD, in board order" },
    ACTION_PLAN: { description: 'The action plan (rencana aksi) attached for the DPRD, as a table' },
  },
});
