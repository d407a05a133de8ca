import { graphql } from '../../gql';

export const DashboardAgreementsQuery = graphql(`
  query DashboardAgreements($first: Int, $after: String, $last: Int, $before: String, $filter: AgreementFilter, $orderBy: AgreementOrder) {
    agreements(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        title
        status
        fields
        expiresOn
        daysInStatus
        partnerCity {
          id
          name
          country {
            code
            name
          }
        }
      }
    }
  }
`);

export const DashboardReportQuery = graphql(`
  query DashboardReport {
    cooperationReport {
      asOf
      expiringWithinDays
      totals {
        agreements
        countries
        partnerCities
        mousInForce
        mousExpiring
        liveActivities
        agreementsByStatus {
          status
          count
        }
      }
      countries {
        country {
          code
          name
        }
        agreements
        mousInForce
      }
      opds {
        opd {
          id
          code
          name
        }
        agreements
        liveActivities
        proposedActivities
        acceptedActivities
      }
    }
    countries {
      code
      name
    }
  }
`);

export const DashboardExpiringQuery = graphql(`
  query DashboardExpiring {
    expiringAgreements(withinDays: 180, first: 10) {
      totalCount
      nodes {
        id
        title
        expiresOn
        partnerCity {
          name
          country {
            code
            name
          }
        }
      }
    }
  }
`);
