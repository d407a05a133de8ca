import { registerEnumType } from 'type-graphql';

/** Where a cooperation stands on the road from first contact to an MoU in force. */
export enum AgreementStatus {
  EXPLORATION = 'EXPLORATION',
  LOI_SIGNED = 'LOI_SIGNED',
  PLAN_DRAFTING = 'PLAN_DRAFTING',
  DPRD_REVIEW = 'DPRD_REVIEW',
  DPRD_APPROVED = 'DPRD_APPROVED',
  CENTRAL_FACILITATION = 'CENTRAL_FACILITATION',
  MOU_IN_FORCE = 'MOU_IN_FORCE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
  CANCELLED = 'CANCELLED',
}

export enum AgreementKind {
  SISTER_CITY = 'SISTER_CITY',
  OTHER_COOPERATION = 'OTHER_COOPERATION',
}

/** Bidang kerja sama. */
export enum CooperationField {
  TOURISM = 'TOURISM',
  CULTURE = 'CULTURE',
  CREATIVE_ECONOMY = 'CREATIVE_ECONOMY',
  EDUCATION = 'EDUCATION',
  SCIENCE_TECHNOLOGY = 'SCIENCE_TECHNOLOGY',
  HUMAN_RESOURCES = 'HUMAN_RESOURCES',
  INSTITUTIONAL_CAPACITY = 'INSTITUTIONAL_CAPACITY',
  TRADE_INVESTMENT = 'TRADE_INVESTMENT',
  HEALTH = 'HEALTH',
  YOUTH_SPORT = 'YOUTH_SPORT',
  OTHER = 'OTHER',
}

export enum DocumentKind {
  LETTER_OF_INTENT = 'LETTER_OF_INTENT',
  COOPERATION_PLAN = 'COOPERATION_PLAN',
  DPRD_DECISION = 'DPRD_DECISION',
  MOU = 'MOU',
  IMPLEMENTING_AGREEMENT = 'IMPLEMENTING_AGREEMENT',
  ADDENDUM = 'ADDENDUM',
}

/** The result of the DPRD working meeting (rapat kerja) on an agreement. */
export enum DprdDecision {
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}

export enum ActivityDecision {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  REMOVED = 'REMOVED',
}

export enum FundingSource {
  APBD = 'APBD',
  APBN = 'APBN',
  PARTNER = 'PARTNER',
  SPONSOR = 'SPONSOR',
  OTHER = 'OTHER',
}

export enum PartnerLevel {
  CITY = 'CITY',
  REGENCY = 'REGENCY',
  STATE = 'STATE',
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
}

export enum Role {
  ADMIN = 'ADMIN',
  OFFICER = 'OFFICER',
  OPD_EDITOR = 'OPD_EDITOR',
  VIEWER = 'VIEWER',
}

export enum BoardEventKind {
  ADDED = 'ADDED',
  UPDATED = 'UPDATED',
  MOVED = 'MOVED',
  REMOVED = 'REMOVED',
  RESTORED = 'RESTORED',
  RESYNC = 'RESYNC',
}

registerEnumType(AgreementStatus, { name: 'AgreementStatus', description: 'Stage of an agreement, from exploration to an MoU in force' });
registerEnumType(AgreementKind, { name: 'AgreementKind' });
registerEnumType(CooperationField, { name: 'CooperationField', description: 'Field of cooperation (bidang kerja sama)' });
registerEnumType(DocumentKind, { name: 'DocumentKind' });
registerEnumType(DprdDecision, { name: 'DprdDecision', description: 'Result of the DPRD working meeting (rapat kerja): approved, or returned for more drafting' });
registerEnumType(ActivityDecision, { name: 'ActivityDecision', description: "An OPD's decision on a draft activity" });
registerEnumType(FundingSource, { name: 'FundingSource', description: 'APBD: city budget; APBN: national budget' });
registerEnumType(PartnerLevel, { name: 'PartnerLevel' });
registerEnumType(Role, { name: 'Role' });
registerEnumType(BoardEventKind, { name: 'BoardEventKind' });
