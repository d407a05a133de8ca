import { graphql } from '../../gql';

export const ReportsPageQuery = graphql(`
  query ReportsPage($filter: ReportFilter) {
    cooperationReport(filter: $filter) {
      asOf
      expiringWithinDays
      expiringUntil
      totals {
        agreements
        countries
        partnerCities
        mousInForce
        mousExpiring
        liveActivities
        removedActivities
        agreementsByStatus {
          status
          count
        }
        agreementsByField {
          field
          count
        }
      }
      countries {
        country {
          code
          name
        }
        agreements
        partnerCities
        mousInForce
        mousExpiring
        liveActivities
        removedActivities
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
        removedActivities
      }
      pipeline {
        loiToDprdApproval {
          agreements
          medianDays
          maxDays
        }
        loiToMou {
          agreements
          medianDays
          maxDays
        }
      }
      expiring {
        agreementId
        title
        partnerCity
        expiresOn
        daysLeft
        country {
          code
          name
        }
      }
    }
    countries {
      code
      name
    }
  }
`);
