/** The whole cooperation report as a GraphQL query: what the report tests compare the downloads and the expectations with. */
const FIGURES = `
  agreements partnerCities
  agreementsByStatus { status count }
  agreementsByField { field count }
  liveActivities removedActivities
  activitiesByDecision { decision count }
  activitiesByOpd { opd { id code name } liveActivities }
  mousInForce mousExpiring`;

export const REPORT_QUERY = /* GraphQL */ `
  query Report($filter: ReportFilter) {
    cooperationReport(filter: $filter) {
      asOf expiringWithinDays expiringUntil
      totals { countries ${FIGURES} }
      countries { country { code name } ${FIGURES} }
      pipeline {
        loiToDprdApproval { agreements medianDays maxDays }
        loiToMou { agreements medianDays maxDays }
      }
      opds { opd { id code name } agreements liveActivities proposedActivities acceptedActivities removedActivities }
      expiring { agreementId title partnerCity country { code name } expiresOn daysLeft }
    }
  }
`;
