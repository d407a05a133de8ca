import { graphql } from '../../gql';

export const AgreementPageQuery = graphql(`
  query AgreementPage($id: ID!) {
    agreement(id: $id) {
      id
      title
      kind
      status
      scope
      fields
      reviewRound
      daysInStatus
      loiSignedOn
      dprdApprovedOn
      mouSignedOn
      validityMonths
      expiresOn
      terminationNoticeOn
      partnerCity {
        id
        name
        region
        country {
          code
          name
        }
      }
      documents {
        id
        kind
        number
        signedOn
        validityMonths
        validUntil
        note
      }
      history {
        id
        fromStatus
        toStatus
        at
        note
        actor {
          id
          name
        }
      }
      nextSteps {
        key
        code
        done
        documentKind
        meetingId
        date
        reviewRound
        opd {
          id
          code
        }
        activities {
          activity {
            id
            title
            opd {
              id
              code
            }
          }
          missingFields
        }
      }
      presentations {
        id
        presentedOn
        note
        opd {
          id
          code
          name
        }
      }
      actionPlan {
        id
        reviewRound
        note
      }
      activities {
        id
        title
        removedAt
        opd {
          id
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

export const AdvanceMutation = graphql(`
  mutation AdvanceAgreement($id: ID!, $to: AgreementStatus!, $note: String) {
    advanceAgreement(id: $id, to: $to, note: $note) {
      id
      status
    }
  }
`);

export const RecordDocumentMutation = graphql(`
  mutation RecordDocument($agreementId: ID!, $input: DocumentInput!) {
    recordDocument(agreementId: $agreementId, input: $input) {
      id
      status
    }
  }
`);

export const RecordPresentationMutation = graphql(`
  mutation RecordPresentation($agreementId: ID!, $opdId: ID!, $presentedOn: LocalDate!, $note: String) {
    recordOpdPresentation(agreementId: $agreementId, opdId: $opdId, presentedOn: $presentedOn, note: $note) {
      id
      status
    }
  }
`);

export const AttachActionPlanMutation = graphql(`
  mutation AttachActionPlan($agreementId: ID!, $input: ActionPlanInput!) {
    attachActionPlan(agreementId: $agreementId, input: $input) {
      id
      status
    }
  }
`);

export const DprdDecisionMutation = graphql(`
  mutation RecordDprdDecision($agreementId: ID!, $decision: DprdDecision!, $decidedOn: LocalDate!, $reference: String, $note: String) {
    recordDprdDecision(agreementId: $agreementId, decision: $decision, decidedOn: $decidedOn, reference: $reference, note: $note) {
      id
      status
    }
  }
`);

export const RenewMutation = graphql(`
  mutation RenewAgreement($agreementId: ID!, $input: RenewalInput!) {
    renewAgreement(agreementId: $agreementId, input: $input) {
      id
      status
    }
  }
`);

export const TerminateMutation = graphql(`
  mutation TerminateAgreement($agreementId: ID!, $noticeOn: LocalDate!, $note: String) {
    terminateAgreement(agreementId: $agreementId, noticeOn: $noticeOn, note: $note) {
      id
      status
    }
  }
`);

export const CancelMutation = graphql(`
  mutation CancelAgreement($agreementId: ID!, $note: String!) {
    cancelAgreement(agreementId: $agreementId, note: $note) {
      id
      status
    }
  }
`);
