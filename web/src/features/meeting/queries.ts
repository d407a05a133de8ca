import { graphql } from '../../gql';

// The meeting panel's operations. Every answer about a meeting selects MeetingPanelMeeting, so a
// mutation's answer or a `meetingUpdated` push replaces the meeting in Apollo's cache (by its id).
// The decisions are asked separately (useLiveDecisions): they move with the board, not the meeting.

export const MeetingPanelMeetingFragment = graphql(`
  fragment MeetingPanelMeeting on Meeting {
    id
    title
    state
    heldOn
    startTime
    place
    chairName
    chairOffice
    note
    openedAt
    closedAt
    cancelledAt
    cancelReason
    agenda {
      id
      position
      title
      note
    }
    attendance {
      id
      status
      representedBy
      personName
      personOffice
      opd {
        id
        code
        name
      }
    }
    documents {
      kind
      name
      title
      url
    }
  }
`);

export const MeetingDecisionsFragment = graphql(`
  fragment MeetingPanelDecisions on MeetingDecisions {
    final
    fromSeq
    toSeq
    byOpd {
      opd {
        id
        code
        name
      }
      approved {
        activityId
        title
        note
      }
      added {
        activityId
        title
        note
      }
      removed {
        activityId
        title
        note
      }
      revised {
        activityId
        title
        note
        changes {
          field
          before
          after
        }
      }
      undecided {
        activityId
        title
        note
      }
    }
  }
`);

export const MeetingPanelQuery = graphql(`
  query MeetingPanel($agreementId: ID!) {
    agreement(id: $agreementId) {
      id
      meetings {
        ...MeetingPanelMeeting
      }
      generatedDocuments {
        kind
        name
        title
        url
      }
      activities {
        id
        removedAt
        opd {
          id
        }
      }
    }
    opds {
      id
      code
      name
    }
  }
`);

export const MeetingDecisionsQuery = graphql(`
  query MeetingDecisions($id: ID!) {
    meeting(id: $id) {
      id
      state
      decisions {
        ...MeetingPanelDecisions
      }
    }
  }
`);

export const MeetingUpdatedSubscription = graphql(`
  subscription MeetingUpdated($agreementId: ID!) {
    meetingUpdated(agreementId: $agreementId) {
      ...MeetingPanelMeeting
    }
  }
`);

export const ScheduleMeetingMutation = graphql(`
  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      ...MeetingPanelMeeting
    }
  }
`);

export const OpenMeetingMutation = graphql(`
  mutation OpenMeeting($id: ID!) {
    openMeeting(id: $id) {
      ...MeetingPanelMeeting
    }
  }
`);

export const CloseMeetingMutation = graphql(`
  mutation CloseMeeting($id: ID!) {
    closeMeeting(id: $id) {
      ...MeetingPanelMeeting
    }
  }
`);

export const RecordAttendanceMutation = graphql(`
  mutation RecordAttendance($id: ID!, $status: AttendanceStatus!, $representedBy: String) {
    recordAttendance(attendanceId: $id, status: $status, representedBy: $representedBy) {
      id
      status
      representedBy
    }
  }
`);

export const CancelMeetingMutation = graphql(`
  mutation CancelMeeting($id: ID!, $reason: String!) {
    cancelMeeting(id: $id, reason: $reason) {
      ...MeetingPanelMeeting
    }
  }
`);

export const RecordAgendaItemNoteMutation = graphql(`
  mutation RecordAgendaItemNote($id: ID!, $note: String) {
    recordAgendaItemNote(agendaItemId: $id, note: $note) {
      id
      note
    }
  }
`);

export const RecordDecisionNoteMutation = graphql(`
  mutation RecordDecisionNote($meetingId: ID!, $activityId: ID!, $note: String) {
    recordDecisionNote(meetingId: $meetingId, activityId: $activityId, note: $note) {
      id
    }
  }
`);
