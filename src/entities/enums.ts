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

// What a client developer reads about each enum and value (introspection, schema.graphql).
registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'Stage of an agreement, from exploration to an MoU in force. Only the workflow mutations change it, one step at a time (see Agreement.nextSteps).',
  valuesConfig: {
    EXPLORATION: { description: 'First contacts; no document signed yet. Every new agreement starts here.' },
    LOI_SIGNED: { description: 'The Letter of Intent is signed (recordDocument with kind LETTER_OF_INTENT).' },
    PLAN_DRAFTING: { description: 'The OPDs draft the activities (kegiatan) on the board; the only stage in which the board can be edited.' },
    DPRD_REVIEW: { description: 'Submitted to the DPRD (the city council): each OPD presents its activities and the action plan is attached.' },
    DPRD_APPROVED: { description: 'The DPRD approved the cooperation (recordDprdDecision APPROVED).' },
    CENTRAL_FACILITATION: { description: 'With the central government (Kemendagri and Kemenlu) for facilitation before the MoU is signed.' },
    MOU_IN_FORCE: { description: 'The MoU is signed and has not lapsed (expiresOn is today or later).' },
    EXPIRED: { description: 'The MoU lapsed after expiresOn; the server moves it here by itself. renewAgreement brings it back in force.' },
    TERMINATED: { description: 'The MoU was ended early after written notice (terminateAgreement). Final.' },
    CANCELLED: { description: 'Called off before an MoU was signed (cancelAgreement). Final.' },
  },
});
registerEnumType(AgreementKind, {
  name: 'AgreementKind',
  description: 'The form of the cooperation',
  valuesConfig: {
    SISTER_CITY: { description: 'Sister city (kota kembar): a broad, lasting partnership between the two cities' },
    OTHER_COOPERATION: { description: 'Any other cooperation (kerja sama lainnya), usually on one field or project' },
  },
});
registerEnumType(CooperationField, {
  name: 'CooperationField',
  description: 'Field of cooperation (bidang kerja sama); an agreement has one or more',
  valuesConfig: {
    TOURISM: { description: 'Tourism (pariwisata)' },
    CULTURE: { description: 'Culture and the arts (kebudayaan)' },
    CREATIVE_ECONOMY: { description: 'Creative economy (ekonomi kreatif): crafts, design, start-ups' },
    EDUCATION: { description: 'Education (pendidikan): schools, universities, exchanges of students and teachers' },
    SCIENCE_TECHNOLOGY: { description: 'Science and technology (ilmu pengetahuan dan teknologi), smart city' },
    HUMAN_RESOURCES: { description: 'Human resources development (pengembangan sumber daya manusia): training, internships' },
    INSTITUTIONAL_CAPACITY: { description: 'Capacity of the city administration (peningkatan kapasitas kelembagaan): governance, public services' },
    TRADE_INVESTMENT: { description: 'Trade and investment (perdagangan dan investasi)' },
    HEALTH: { description: 'Health (kesehatan)' },
    YOUTH_SPORT: { description: 'Youth and sport (kepemudaan dan olahraga)' },
    OTHER: { description: 'A field not listed here; the scope (ruang lingkup) says which' },
  },
});
registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  description: 'What a signed document of an agreement is; each kind may be recorded only in some statuses',
  valuesConfig: {
    LETTER_OF_INTENT: { description: 'Letter of Intent (LoI), recorded in EXPLORATION; it moves the agreement to LOI_SIGNED' },
    COOPERATION_PLAN: { description: 'Cooperation plan (rencana kerja sama), recorded from PLAN_DRAFTING to CENTRAL_FACILITATION' },
    DPRD_DECISION: {
      description: 'Decision of the DPRD approving the cooperation; recordDprdDecision records it, recordDocument only a later copy (from DPRD_APPROVED on)',
    },
    MOU: { description: 'Memorandum of Understanding, recorded in CENTRAL_FACILITATION with validityMonths; it puts the agreement in force' },
    IMPLEMENTING_AGREEMENT: { description: 'Implementing agreement (perjanjian kerja sama / PKS) under the MoU in force' },
    ADDENDUM: { description: 'Addendum that changes the MoU in force' },
  },
});
registerEnumType(DprdDecision, {
  name: 'DprdDecision',
  description: 'Result of the DPRD working meeting (rapat kerja) on an agreement',
  valuesConfig: {
    APPROVED: { description: 'Approved (disetujui): the agreement moves to DPRD_APPROVED' },
    RETURNED: { description: 'Returned for more drafting: the agreement goes back to PLAN_DRAFTING; the note says what to redraft' },
  },
});
registerEnumType(ActivityDecision, {
  name: 'ActivityDecision',
  description: "An OPD's decision on a draft activity",
  valuesConfig: {
    PROPOSED: { description: 'Proposed, not yet accepted by its OPD (every new activity starts here)' },
    ACCEPTED: { description: 'Accepted by its OPD; every live activity must be ACCEPTED before the agreement goes to the DPRD' },
    REMOVED: { description: 'Not set through this API (a patch refuses it): removeDraftActivity takes an activity off the board by setting removedAt, keeping its decision' },
  },
});
registerEnumType(FundingSource, {
  name: 'FundingSource',
  description: 'Where the money for an activity comes from (sumber dana)',
  valuesConfig: {
    APBD: { description: "APBD: the city's own budget (Anggaran Pendapatan dan Belanja Daerah)" },
    APBN: { description: 'APBN: the national budget (Anggaran Pendapatan dan Belanja Negara)' },
    PARTNER: { description: 'The partner city abroad pays' },
    SPONSOR: { description: 'A third party (company, foundation, donor) pays' },
    OTHER: { description: 'Any other source' },
  },
});
registerEnumType(PartnerLevel, {
  name: 'PartnerLevel',
  description: 'The level of government of a partner abroad',
  valuesConfig: {
    CITY: { description: 'A city (kota)' },
    REGENCY: { description: 'A regency or district (kabupaten, county)' },
    STATE: { description: 'A state of a federation, e.g. Western Australia' },
    PROVINCE: { description: 'A province (provinsi)' },
    PREFECTURE: { description: 'A prefecture, e.g. in Japan' },
  },
});
registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do; the same rules over HTTP and WebSocket',
  valuesConfig: {
    ADMIN: { description: 'Everything, including the users' },
    OFFICER: { description: 'Staff of the Bagian Kerja Sama (cooperation section): partner cities, agreements, documents, the workflow, every board' },
    OPD_EDITOR: { description: "Works for one OPD: reads everything, changes only its own OPD's draft activities while the plan is drafted" },
    VIEWER: { description: 'Reads everything, changes nothing' },
  },
});
registerEnumType(BoardEventKind, {
  name: 'BoardEventKind',
  description: 'What a board event did',
  valuesConfig: {
    ADDED: { description: 'An activity was added' },
    UPDATED: { description: 'Fields of an activity changed (see changedFields)' },
    MOVED: { description: 'An activity moved to a new position' },
    REMOVED: { description: 'An activity was taken off the board; drop it from the list' },
    RESTORED: { description: 'A removed activity came back' },
    RESYNC: { description: 'The events cannot be replayed from where the client asked: reload board and keep applying the events that follow' },
  },
});
