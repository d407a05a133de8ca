import { graphql } from '../gql';

// Every operation of the board page. The activity's fields are the same everywhere (the board, the
// events, the mutations' answers) so that any of them can replace the item in the list.

export const BoardPageQuery = graphql(`
  query BoardPage($agreementId: ID!) {
    agreement(id: $agreementId) {
      id
      title
      status
      partnerCity {
        id
        name
        country {
          code
          name
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

export const BoardQuery = graphql(`
  query Board($agreementId: ID!) {
    board(agreementId: $agreementId) {
      id
      seq
      activities {
        ...BoardActivity
      }
    }
  }
`);

export const BoardSeqQuery = graphql(`
  query BoardSeq($agreementId: ID!) {
    board(agreementId: $agreementId) {
      id
      seq
    }
  }
`);

export const BoardActivityFragment = graphql(`
  fragment BoardActivity on DraftActivity {
    id
    title
    scope
    benefit
    output
    decision
    position
    version
    removedAt
    opd {
      id
      code
      name
    }
  }
`);

export const BoardEventsSubscription = graphql(`
  subscription BoardEvents($agreementId: ID!, $afterSeq: Int) {
    boardEvents(agreementId: $agreementId, afterSeq: $afterSeq) {
      seq
      kind
      activityId
      changedFields
      actor {
        id
        name
      }
      activity {
        ...BoardActivity
      }
    }
  }
`);

export const BoardPresenceSubscription = graphql(`
  subscription BoardPresenceLive($agreementId: ID!) {
    boardPresence(agreementId: $agreementId) {
      id
      users {
        activityId
        field
        since
        user {
          id
          name
          opd {
            id
            code
          }
        }
      }
    }
  }
`);

export const AgreementStatusSubscription = graphql(`
  subscription BoardAgreementStatus($id: ID!) {
    agreementUpdated(id: $id) {
      id
      status
    }
  }
`);

export const AddActivityMutation = graphql(`
  mutation AddBoardActivity($input: AddDraftActivityInput!) {
    addDraftActivity(input: $input) {
      ...BoardActivity
    }
  }
`);

export const UpdateActivityMutation = graphql(`
  mutation UpdateBoardActivity($id: ID!, $baseVersion: Int!, $patch: DraftActivityPatch!) {
    updateDraftActivity(id: $id, baseVersion: $baseVersion, patch: $patch) {
      ...BoardActivity
    }
  }
`);

export const MoveActivityMutation = graphql(`
  mutation MoveBoardActivity($id: ID!, $afterId: ID, $beforeId: ID) {
    moveDraftActivity(id: $id, afterId: $afterId, beforeId: $beforeId) {
      ...BoardActivity
    }
  }
`);

export const RemoveActivityMutation = graphql(`
  mutation RemoveBoardActivity($id: ID!) {
    removeDraftActivity(id: $id) {
      ...BoardActivity
    }
  }
`);

export const RestoreActivityMutation = graphql(`
  mutation RestoreBoardActivity($id: ID!) {
    restoreDraftActivity(id: $id) {
      ...BoardActivity
    }
  }
`);

export const SetEditingMutation = graphql(`
  mutation SetBoardEditing($agreementId: ID!, $activityId: ID, $field: String) {
    setEditing(agreementId: $agreementId, activityId: $activityId, field: $field)
  }
`);
