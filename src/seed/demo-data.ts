import { ActivityDecision, AgreementKind, AgreementStatus, CooperationField, DocumentKind, FundingSource, PartnerLevel, Role } from '../entities';

/**
 * Kota Denpasar's international cooperation as publicly reported:
 * LoIs with Mossel Bay, Perth and Gyeongju being drafted into MoUs, Darwin's MoU in force, and
 * Huế and Nansha in exploration.
 */

export const DEMO_PASSWORD = 'jalin-demo';

export const countries = [
  { code: 'AU', name: 'Australia' },
  { code: 'CN', name: 'China' },
  { code: 'KR', name: 'South Korea' },
  { code: 'VN', name: 'Vietnam' },
  { code: 'ZA', name: 'South Africa' },
];

export const opds = [
  { code: 'BAPPEDA', name: 'Badan Perencanaan Pembangunan Daerah (Bappeda) Kota Denpasar' },
  { code: 'DISPAR', name: 'Dinas Pariwisata Kota Denpasar' },
  { code: 'DISBUD', name: 'Dinas Kebudayaan Kota Denpasar' },
  { code: 'DISDIK', name: 'Dinas Pendidikan Kepemudaan dan Olahraga Kota Denpasar' },
  { code: 'DISKOP-UMKM', name: 'Dinas Koperasi, Usaha Mikro, Kecil dan Menengah Kota Denpasar' },
  { code: 'BAG-KS', name: 'Bagian Kerja Sama Sekretariat Daerah Kota Denpasar' },
];

export const partnerCities = [
  { key: 'mossel-bay', name: 'Mossel Bay', region: 'Western Cape', countryCode: 'ZA', level: PartnerLevel.CITY, indonesianMission: 'KBRI Pretoria' },
  { key: 'perth', name: 'Perth', region: 'Western Australia', countryCode: 'AU', level: PartnerLevel.CITY, indonesianMission: 'KJRI Perth' },
  { key: 'gyeongju', name: 'Gyeongju', region: 'North Gyeongsang', countryCode: 'KR', level: PartnerLevel.CITY, indonesianMission: 'KBRI Seoul' },
  { key: 'darwin', name: 'Darwin', region: 'Northern Territory', countryCode: 'AU', level: PartnerLevel.CITY, indonesianMission: 'Konsulat RI Darwin' },
  { key: 'hue', name: 'Huế', region: 'Thừa Thiên Huế', countryCode: 'VN', level: PartnerLevel.CITY, indonesianMission: 'KBRI Hanoi' },
  { key: 'nansha', name: 'Nansha (Guangzhou)', region: 'Guangdong', countryCode: 'CN', level: PartnerLevel.CITY, indonesianMission: 'KJRI Guangzhou' },
] as const;

export type PartnerKey = (typeof partnerCities)[number]['key'];

export interface DemoActivity {
  opd: string;
  title: string;
  scope: string;
  benefit: string;
  output: string;
  year?: number;
  budgetEstimate?: number;
  fundingSource?: FundingSource;
  decision: ActivityDecision;
}

export interface DemoAgreement {
  partner: PartnerKey;
  title: string;
  kind: AgreementKind;
  fields: CooperationField[];
  scope: string;
  /** The status path as reported, each step with its date (YYYY-MM-DD) and a note. */
  history: { to: AgreementStatus; on: string; note: string }[];
  loiSignedOn?: string;
  dprdApprovedOn?: string;
  mouSignedOn?: string;
  validityMonths?: number;
  documents: { kind: DocumentKind; number: string; signedOn: string | null; validityMonths?: number; note?: string }[];
  activities: DemoActivity[];
  /** OPD presentations to the DPRD; `round` is the review round (1 = the first submission). */
  presentations?: { opd: string; round: number; on: string; note: string }[];
  /** The action plan attached in the last review round; items name their activity by title. */
  actionPlan?: { round: number; on: string; note: string; items: { activity: string; responsibleOpd: string; startOn?: string; endOn?: string; quarter?: string; description?: string }[] };
}

// Where a signing date was not reported, the LoI is recorded on the day of the drafting meeting, and says so.
const drafting = (loiOn: string, loiNote: string, draftingOn: string) => [
  { to: AgreementStatus.EXPLORATION, on: loiOn, note: 'First contacts, facilitated by the Indonesian mission' },
  { to: AgreementStatus.LOI_SIGNED, on: loiOn, note: loiNote },
  {
    to: AgreementStatus.PLAN_DRAFTING,
    on: draftingOn,
    note: 'Draft list of activities discussed in the Ruang Praja Utama, chaired by the Asisten III Sekda; each OPD approves, adds or reduces activities',
  },
];

export const agreements: DemoAgreement[] = [
  {
    partner: 'perth',
    title: 'Kerja Sama Kota Denpasar – City of Perth',
    kind: AgreementKind.SISTER_CITY,
    fields: [CooperationField.TOURISM, CooperationField.CREATIVE_ECONOMY, CooperationField.EDUCATION, CooperationField.SCIENCE_TECHNOLOGY],
    scope: 'Tourism, the creative economy, a business incubator curriculum, and science and technology',
    history: drafting('2018-11-26', 'Letter of Intent signed with the City of Perth', '2019-02-18'),
    loiSignedOn: '2018-11-26',
    documents: [{ kind: DocumentKind.LETTER_OF_INTENT, number: 'LoI/DPS-PER/2018', signedOn: '2018-11-26' }],
    activities: [
      {
        opd: 'BAPPEDA',
        title: 'Exchange programme for entrepreneurs and start-up owners',
        scope: 'Creative economy ecosystem',
        benefit: 'To the Denpasar government: a model for growing its creative economy with Perth as a partner',
        output: 'A creative-economy ecosystem as the "focus industry", built on local culture',
        year: 2020,
        budgetEstimate: 350_000_000,
        fundingSource: FundingSource.APBD,
        decision: ActivityDecision.ACCEPTED,
      },
      {
        opd: 'DISKOP-UMKM',
        title: 'Business incubator curriculum for Denpasar small businesses',
        scope: 'Incubation of creative small and medium enterprises',
        benefit: 'Denpasar UMKM gain mentoring and access to the Western Australian market',
        output: 'An incubator curriculum adopted by the city and a first cohort of 20 businesses',
        year: 2020,
        budgetEstimate: 200_000_000,
        fundingSource: FundingSource.APBD,
        decision: ActivityDecision.ACCEPTED,
      },
      {
        opd: 'DISPAR',
        title: 'Joint tourism promotion Denpasar – Perth',
        scope: 'Tourism promotion',
        benefit: 'More visitors between both cities, to the benefit of both regions',
        output: 'A joint promotion package and a familiarisation trip for Perth travel agents',
        year: 2021,
        decision: ActivityDecision.PROPOSED,
      },
    ],
  },
  {
    partner: 'mossel-bay',
    title: 'Kerja Sama Kota Denpasar – Mossel Bay Municipality',
    kind: AgreementKind.SISTER_CITY,
    fields: [CooperationField.TOURISM, CooperationField.CULTURE, CooperationField.HUMAN_RESOURCES],
    scope: 'Tourism and culture promotion and human-resource development, through a joint working group',
    history: drafting('2019-02-18', 'Letter of Intent with Mossel Bay Municipality in hand (signing date not reported)', '2019-02-18'),
    documents: [{ kind: DocumentKind.LETTER_OF_INTENT, number: 'LoI/DPS-MSB', signedOn: null, note: 'Signing date not reported' }],
    activities: [
      {
        opd: 'DISPAR',
        title: 'Coastal tourism promotion exchange',
        scope: 'Tourism promotion of both coastal cities',
        benefit: 'Tourists from South Africa discover Denpasar, and Denpasar learns from Mossel Bay’s coastal tourism',
        output: 'Promotion at each other’s tourism fairs and a shared destination brochure',
        year: 2020,
        decision: ActivityDecision.ACCEPTED,
      },
      {
        opd: 'DISBUD',
        title: 'Cultural performance exchange',
        scope: 'Arts and culture',
        benefit: 'Both cities present their culture abroad',
        output: 'A Balinese arts troupe in Mossel Bay and a South African troupe at the Denpasar Festival',
        year: 2020,
        budgetEstimate: 150_000_000,
        fundingSource: FundingSource.APBD,
        decision: ActivityDecision.ACCEPTED,
      },
      {
        opd: 'BAG-KS',
        title: 'Joint working group of both cities',
        scope: 'Organisational capacity for the cooperation',
        benefit: 'The cooperation is steered and reviewed every year',
        output: 'A joint working group with terms of reference and an annual review',
        decision: ActivityDecision.PROPOSED,
      },
    ],
  },
  {
    partner: 'gyeongju',
    title: 'Kerja Sama Kota Denpasar – Gyeongju City',
    kind: AgreementKind.SISTER_CITY,
    fields: [CooperationField.CULTURE, CooperationField.EDUCATION, CooperationField.SCIENCE_TECHNOLOGY, CooperationField.TOURISM],
    scope: 'Culture, education and technology, with a focus on heritage tourism',
    history: [
      ...drafting('2019-02-18', 'Letter of Intent with Gyeongju City in hand: culture, education, technology (signing date not reported)', '2019-02-18'),
      { to: AgreementStatus.DPRD_REVIEW, on: '2019-03-15', note: 'Presented to the DPRD Kota Denpasar with a heritage-tourism focus (March 2019; day not reported)' },
      {
        to: AgreementStatus.PLAN_DRAFTING,
        on: '2019-04-01',
        note: 'No MoU followed (outcome not reported): back to drafting to add the education and technology activities that the LoI names',
      },
    ],
    presentations: [{ opd: 'DISBUD', round: 1, on: '2019-03-15', note: 'Heritage tourism: what Denpasar learns from Gyeongju' }],
    documents: [{ kind: DocumentKind.LETTER_OF_INTENT, number: 'LoI/DPS-GYJ', signedOn: null, note: 'Signing date not reported' }],
    activities: [
      {
        opd: 'DISBUD',
        title: 'Heritage tourism learning visit',
        scope: 'Management of cultural heritage sites',
        benefit: 'Denpasar learns how Gyeongju turns its heritage into tourism while preserving it',
        output: 'A heritage-tourism management plan for Denpasar’s old town',
        year: 2019,
        decision: ActivityDecision.ACCEPTED,
      },
      {
        opd: 'DISDIK',
        title: 'Student and teacher exchange',
        scope: 'Education',
        benefit: 'Students and teachers of both cities learn each other’s language and culture',
        output: 'An annual exchange of 10 students and 2 teachers',
        year: 2020,
        budgetEstimate: 250_000_000,
        fundingSource: FundingSource.APBD,
        decision: ActivityDecision.PROPOSED,
      },
      {
        opd: 'BAPPEDA',
        title: 'Smart-city technology exchange',
        scope: 'Science and technology for city services',
        benefit: 'Denpasar adopts tested technology for public services',
        output: 'A pilot of one smart-city service with Gyeongju’s support',
        year: 2021,
        decision: ActivityDecision.PROPOSED,
      },
    ],
  },
  {
    partner: 'darwin',
    title: 'Kerja Sama Kota Denpasar – City of Darwin',
    kind: AgreementKind.OTHER_COOPERATION,
    fields: [CooperationField.HUMAN_RESOURCES, CooperationField.TOURISM],
    scope: 'Human-resource development and tourism',
    history: [
      { to: AgreementStatus.EXPLORATION, on: '2020-11-20', note: 'Exploration meeting with the City of Darwin' },
      { to: AgreementStatus.LOI_SIGNED, on: '2021-06-28', note: 'Letter of Intent signed' },
      { to: AgreementStatus.PLAN_DRAFTING, on: '2021-07-12', note: 'OPDs draft the activities' },
      { to: AgreementStatus.DPRD_REVIEW, on: '2021-09-20', note: 'Submitted to the DPRD Kota Denpasar' },
      { to: AgreementStatus.DPRD_APPROVED, on: '2021-11-05', note: 'Approved in the DPRD working meeting (rapat kerja)' },
      { to: AgreementStatus.CENTRAL_FACILITATION, on: '2021-11-22', note: 'Sent to Kemendagri and Kemenlu for facilitation' },
      { to: AgreementStatus.MOU_IN_FORCE, on: '2022-06-13', note: 'MoU signed' },
    ],
    loiSignedOn: '2021-06-28',
    dprdApprovedOn: '2021-11-05',
    mouSignedOn: '2022-06-13',
    validityMonths: 60,
    documents: [
      { kind: DocumentKind.LETTER_OF_INTENT, number: 'LoI/DPS-DRW/2021', signedOn: '2021-06-28' },
      { kind: DocumentKind.DPRD_DECISION, number: 'Keputusan DPRD Kota Denpasar 2021', signedOn: '2021-11-05' },
      { kind: DocumentKind.MOU, number: 'MoU/DPS-DRW/2022', signedOn: '2022-06-13', validityMonths: 60 },
    ],
    presentations: [
      { opd: 'DISDIK', round: 1, on: '2021-10-18', note: 'Vocational training exchange, presented to the DPRD (day illustrative)' },
      { opd: 'DISPAR', round: 1, on: '2021-10-18', note: 'Tourism promotion in the Northern Territory, presented to the DPRD (day illustrative)' },
    ],
    actionPlan: {
      round: 1,
      on: '2021-10-25',
      note: 'Rencana aksi submitted with the OPD presentations',
      items: [
        { activity: 'Vocational training exchange', responsibleOpd: 'DISDIK', startOn: '2023-02-01', endOn: '2023-11-30', description: 'Select students, place them with Darwin training providers' },
        { activity: 'Tourism promotion in the Northern Territory', responsibleOpd: 'DISPAR', quarter: '2023-Q3', description: 'Denpasar stand at the Darwin tourism expo' },
      ],
    },
    activities: [
      {
        opd: 'DISDIK',
        title: 'Vocational training exchange',
        scope: 'Human-resource development',
        benefit: 'Young people of Denpasar gain skills recognised in Australia',
        output: 'Training placements for Denpasar vocational students in Darwin',
        year: 2023,
        decision: ActivityDecision.ACCEPTED,
      },
      {
        opd: 'DISPAR',
        title: 'Tourism promotion in the Northern Territory',
        scope: 'Tourism',
        benefit: 'Denpasar as the nearest Indonesian gateway for Darwin’s travellers',
        output: 'Joint promotion at the Darwin tourism expo',
        year: 2023,
        decision: ActivityDecision.ACCEPTED,
      },
    ],
  },
  {
    partner: 'hue',
    title: 'Penjajakan Kerja Sama Kota Denpasar – Huế',
    kind: AgreementKind.SISTER_CITY,
    fields: [CooperationField.CULTURE, CooperationField.TOURISM],
    scope: 'Exploration of cooperation in culture and heritage tourism',
    history: [{ to: AgreementStatus.EXPLORATION, on: '2019-12-09', note: 'Exploration visit' }],
    documents: [],
    activities: [],
  },
  {
    partner: 'nansha',
    title: 'Penjajakan Kerja Sama Kota Denpasar – Nansha (Guangzhou)',
    kind: AgreementKind.OTHER_COOPERATION,
    fields: [CooperationField.TRADE_INVESTMENT, CooperationField.TOURISM],
    scope: 'Exploration of cooperation in trade, investment and tourism',
    history: [{ to: AgreementStatus.EXPLORATION, on: '2020-01-15', note: 'Exploration meeting' }],
    documents: [],
    activities: [],
  },
];

export const demoUsers = [
  { email: 'admin@jalin.local', name: 'Admin Jalin', role: Role.ADMIN, opd: null },
  { email: 'officer@jalin.local', name: 'Kabag Kerja Sama', role: Role.OFFICER, opd: null },
  { email: 'bappeda@jalin.local', name: 'Editor Bappeda', role: Role.OPD_EDITOR, opd: 'BAPPEDA' },
  { email: 'dispar@jalin.local', name: 'Editor Dinas Pariwisata', role: Role.OPD_EDITOR, opd: 'DISPAR' },
  { email: 'viewer@jalin.local', name: 'Viewer', role: Role.VIEWER, opd: null },
] as const;

/**
 * The drafting meeting of the seed article (Antara Bali): chaired by the Asisten III Sekda in the Ruang
 * Praja Utama of the mayor's office, where each OPD approves, adds or reduces the draft activities of
 * the LoIs with Perth, Mossel Bay and Gyeongju. Jalin keeps a meeting per agreement, so it is seeded
 * on each of the three boards, in progress. `note` says which details are illustrative.
 */
export const draftingMeeting = {
  partners: ['perth', 'mossel-bay', 'gyeongju'] as PartnerKey[],
  title: 'Rapat Pembahasan Rencana Kerja Sama Kota Denpasar dengan Perth, Mossel Bay dan Gyeongju',
  heldOn: '2019-02-18',
  place: 'Ruang Praja Utama, Kantor Wali Kota Denpasar',
  chairOffice: 'Asisten III Sekda Kota Denpasar',
  agenda: [
    'Pembahasan draf rencana kegiatan setiap OPD: disetujui, ditambah atau dikurangi',
    'Tindak lanjut menuju persetujuan DPRD Kota Denpasar',
  ],
  /** Besides the OPDs with activities on the board: the cooperation section, which collects the OPDs' input. */
  alsoInvited: ['BAG-KS'],
  note:
    'As reported (Antara Bali): chaired by the Asisten III Sekda in the Ruang Praja Utama of the mayor’s office; each OPD approves, adds or reduces activities. ' +
    'Illustrative, not reported: the day (the drafting day of the demo history), the chair’s name (left empty), the wording of the agenda, ' +
    'the invitation list (the OPDs with activities on the board and the Bagian Kerja Sama), and the meeting being still in progress.',
};
