import { AgreementStatus, PartnerLevel } from '../entities';
import { formatEnglishDate, formatIndonesianDate } from '../i18n/dates';

/** What a partner is called in an Indonesian sentence: "Kota Perth", "Prefektur Kyoto". */
const LEVEL_ID: Record<PartnerLevel, string> = {
  [PartnerLevel.CITY]: 'Kota',
  [PartnerLevel.REGENCY]: 'Kabupaten',
  [PartnerLevel.STATE]: 'Negara Bagian',
  [PartnerLevel.PROVINCE]: 'Provinsi',
  [PartnerLevel.PREFECTURE]: 'Prefektur',
};

/** The workflow steps as the cooperation section names them. */
const STEP_ID: Partial<Record<AgreementStatus, string>> = {
  [AgreementStatus.EXPLORATION]: 'penjajakan',
  [AgreementStatus.LOI_SIGNED]: 'LoI ditandatangani',
  [AgreementStatus.PLAN_DRAFTING]: 'penyusunan rencana kerja sama',
  [AgreementStatus.DPRD_REVIEW]: 'pembahasan DPRD',
  [AgreementStatus.DPRD_APPROVED]: 'disetujui DPRD',
  [AgreementStatus.CENTRAL_FACILITATION]: 'fasilitasi pemerintah pusat',
};

export interface PartnerName {
  name: string;
  level: PartnerLevel;
}

export interface NotificationText {
  subject: string;
  /** Indonesian, then " / " and English. */
  message: string;
  /** The e-mail body: Indonesian paragraph, blank line, English paragraph. */
  emailText: string;
}

const days = (n: number) => `${n} hari`;
const daysEn = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** "MoU dengan Kota Perth berakhir dalam 90 hari (Kamis, 14 Maret 2027). / The MoU with Perth expires in 90 days (Sunday, 14 March 2027)." */
export function mouExpiringText(partner: PartnerName, title: string, expiresOn: string, daysLeft: number): NotificationText {
  const who = `${LEVEL_ID[partner.level]} ${partner.name}`;
  const id = `MoU dengan ${who} berakhir dalam ${days(daysLeft)} (${formatIndonesianDate(expiresOn)}).`;
  const en = `The MoU with ${partner.name} expires in ${daysEn(daysLeft)} (${formatEnglishDate(expiresOn)}).`;
  return {
    subject: `Pengingat: MoU dengan ${who} berakhir dalam ${days(daysLeft)}`,
    message: `${id} / ${en}`,
    emailText: `${id}\n${title}\nSegera siapkan perpanjangan (renewAgreement) bila kerja sama dilanjutkan.\n\n${en} Prepare the renewal in time if the cooperation goes on.\n`,
  };
}

/** "Kerja sama dengan Kota Perth tertahan pada tahap pembahasan DPRD selama 61 hari (sejak …). / The agreement with Perth has been at DPRD_REVIEW for 61 days." */
export function agreementStuckText(partner: PartnerName, title: string, status: AgreementStatus, since: string, daysAtStep: number): NotificationText {
  const who = `${LEVEL_ID[partner.level]} ${partner.name}`;
  const id = `Kerja sama dengan ${who} tertahan pada tahap ${STEP_ID[status] ?? status} selama ${days(daysAtStep)} (sejak ${formatIndonesianDate(since)}).`;
  const en = `The agreement with ${partner.name} has been at ${status} for ${daysEn(daysAtStep)} (since ${formatEnglishDate(since)}).`;
  return {
    subject: `Pengingat: kerja sama dengan ${who} tertahan ${days(daysAtStep)}`,
    message: `${id} / ${en}`,
    emailText: `${id}\n${title}\n\n${en}\n`,
  };
}
