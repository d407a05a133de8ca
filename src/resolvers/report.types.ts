import { Field, Float, Int, InterfaceType, ObjectType } from 'type-graphql';
import { GlobalIdField } from '../entities/node';
import { ActivityDecision, AgreementStatus, CooperationField, Country, Opd } from '../entities';
import { LocalDate } from '../scalars/local-date';
import { DEFAULT_EXPIRY_WINDOW_DAYS } from '../services/expiry-window';

@ObjectType({ description: 'Agreements with one status' })
export class StatusCount {
  @Field(() => AgreementStatus, { description: 'The status' })
  status: AgreementStatus;

  @Field(() => Int, { description: 'Agreements whose current status it is' })
  count: number;
}

@ObjectType({ description: 'Agreements with a field of cooperation; an agreement with several fields counts once under each' })
export class FieldCount {
  @Field(() => CooperationField, { description: 'The field of cooperation' })
  field: CooperationField;

  @Field(() => Int, { description: 'Agreements that have this field' })
  count: number;
}

@ObjectType({ description: 'Live draft activities with one decision' })
export class DecisionCount {
  @Field(() => ActivityDecision, { description: 'The decision' })
  decision: ActivityDecision;

  @Field(() => Int, { description: 'Live draft activities with this decision' })
  count: number;
}

@ObjectType({ description: 'Live draft activities of one OPD' })
export class OpdActivityCount {
  @Field(() => Opd, { description: 'The OPD' })
  opd: Opd;

  @Field(() => Int, { description: 'Live (not removed) draft activities of this OPD' })
  liveActivities: number;
}

@InterfaceType({ description: 'Figures over a set of agreements (all of them, or those with partners in one country)' })
export abstract class ReportFigures {
  @Field(() => Int, { description: 'Agreements (archived ones never count)' })
  agreements: number;

  @Field(() => Int, { description: 'Distinct partner cities of these agreements' })
  partnerCities: number;

  @Field(() => [StatusCount], { description: 'One entry per status, in workflow order (zero counts included)' })
  agreementsByStatus: StatusCount[];

  @Field(() => [FieldCount], { description: 'One entry per field of cooperation (zero counts included)' })
  agreementsByField: FieldCount[];

  @Field(() => Int, { description: 'Draft activities that are not removed (removedAt is empty)' })
  liveActivities: number;

  @Field(() => Int, { description: 'Draft activities removed from their boards' })
  removedActivities: number;

  @Field(() => [DecisionCount], { description: 'Live draft activities by decision, one entry per decision' })
  activitiesByDecision: DecisionCount[];

  @Field(() => [OpdActivityCount], { description: 'Live draft activities by OPD, OPDs with none left out, by OPD code' })
  activitiesByOpd: OpdActivityCount[];

  @Field(() => Int, { description: 'Agreements whose status is MOU_IN_FORCE' })
  mousInForce: number;

  @Field(() => Int, { description: 'MoUs in force that lapse within the window (see CooperationReport.expiringUntil)' })
  mousExpiring: number;
}

@ObjectType({ implements: ReportFigures, description: 'The figures of all the agreements the report covers' })
export class ReportTotals extends ReportFigures {
  @Field(() => Int, { description: 'Partner countries with at least one agreement in the report' })
  countries: number;
}

@ObjectType({ implements: ReportFigures, description: 'The figures of the agreements with partners in one country' })
export class CountryReportRow extends ReportFigures {
  @Field(() => Country, { description: 'The partner country' })
  country: Country;
}

@ObjectType({ description: 'How long agreements took between two steps of their status history, in whole calendar days (UTC)' })
export class StageTiming {
  @Field(() => Int, { description: 'Agreements that reached both steps' })
  agreements: number;

  @Field(() => Float, { nullable: true, description: 'Median; null when no agreement reached both steps' })
  medianDays: number | null;

  @Field(() => Int, { nullable: true, description: 'Longest; null when no agreement reached both steps' })
  maxDays: number | null;
}

@ObjectType({ description: 'Time from the Letter of Intent (first step to LOI_SIGNED) to later steps (each the first step to that status)' })
export class PipelineTiming {
  @Field(() => StageTiming, { description: 'From LOI_SIGNED to DPRD_APPROVED' })
  loiToDprdApproval: StageTiming;

  @Field(() => StageTiming, { description: 'From LOI_SIGNED to MOU_IN_FORCE' })
  loiToMou: StageTiming;
}

@ObjectType({ description: 'What one OPD does across the agreements of the report' })
export class OpdReportRow {
  @Field(() => Opd, { description: 'The OPD' })
  opd: Opd;

  @Field(() => Int, { description: 'Agreements on which the OPD has at least one live activity' })
  agreements: number;

  @Field(() => Int, { description: 'Its live (not removed) activities' })
  liveActivities: number;

  @Field(() => Int, { description: 'Its live activities still PROPOSED (not yet accepted by the OPD)' })
  proposedActivities: number;

  @Field(() => Int, { description: 'Its live activities ACCEPTED by the OPD' })
  acceptedActivities: number;

  @Field(() => Int, { description: 'Its activities removed from their boards' })
  removedActivities: number;
}

@ObjectType({ description: 'An MoU in force that lapses within the window' })
export class ExpiringMou {
  @GlobalIdField('Agreement', { description: 'The opaque global id of the agreement' })
  agreementId: number;

  @Field({ description: 'Title of the agreement' })
  title: string;

  @Field({ description: 'Name of the partner city' })
  partnerCity: string;

  @Field(() => Country, { description: 'Country of the partner city' })
  country: Country;

  @Field(() => LocalDate, { description: 'Last day of the MoU' })
  expiresOn: string;

  @Field(() => Int, { description: 'Days from asOf to expiresOn' })
  daysLeft: number;
}

@ObjectType({ description: 'International cooperation across partner countries, as of today (UTC)' })
export class CooperationReport {
  @Field(() => LocalDate, { description: 'The day (UTC) the report was made; the expiry window starts on it' })
  asOf: string;

  @Field(() => Int, { description: `Length of the expiry window in days, as asked (${DEFAULT_EXPIRY_WINDOW_DAYS} by default)` })
  expiringWithinDays: number;

  @Field(() => LocalDate, { description: 'Last day of the expiry window: asOf + expiringWithinDays' })
  expiringUntil: string;

  @Field(() => ReportTotals, { description: 'The figures of all the agreements the report covers' })
  totals: ReportTotals;

  @Field(() => [CountryReportRow], { description: 'One row per partner country with at least one agreement in the report, by country code' })
  countries: CountryReportRow[];

  @Field(() => PipelineTiming, { description: 'How long agreements took from the Letter of Intent to DPRD approval and to the MoU' })
  pipeline: PipelineTiming;

  @Field(() => [OpdReportRow], {
    description: 'One row per OPD with at least one activity (live or removed) on these agreements, by OPD code. Presentations to the DPRD are not counted yet.',
  })
  opds: OpdReportRow[];

  @Field(() => [ExpiringMou], { description: 'The MoUs in force that lapse within the window, soonest first' })
  expiring: ExpiringMou[];
}
