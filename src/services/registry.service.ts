import type { DataSource, EntityManager } from 'typeorm';
import {
  Agreement,
  AgreementDocument,
  AgreementFieldEntry,
  AgreementKind,
  AgreementStatus,
  CooperationField,
  Country,
  PartnerCity,
  PartnerLevel,
  StatusChange,
} from '../entities';
import { badInput } from '../errors';
import { nodeNotFound, type NodeTypeName } from '../global-id';
import type { JalinPubSub } from '../events/pubsub';
import { Topic } from '../events/topics';
import { assertCanManageRegistry, type Actor } from './access-policy';
import { assertValidityMonths } from './validity';
import { addMonths, isIsoDate } from './dates';
import { lockFor } from './db-helpers';

export interface PartnerCityValues {
  name: string;
  region: string;
  countryCode: string;
  level: PartnerLevel;
  indonesianMission?: string | null;
}

export interface AgreementValues {
  title: string;
  kind: AgreementKind;
  partnerCityId: number;
  fields: CooperationField[];
  scope: string;
}

export interface DocumentChanges {
  number?: string | null;
  signedOn?: string | null;
  validityMonths?: number | null;
  validUntil?: string | null;
  note?: string | null;
}

/** Partial update: a key left out keeps its value; null clears a nullable field and is refused for a required one. */
export type Changes<T> = { [K in keyof T]?: T[K] | null };


/**
 * The write side of the registry (officers and admins): partner cities, agreements and their
 * documents. Records are archived, never deleted, so history keeps pointing at them. A status is
 * never set here: the workflow owns it (a new agreement starts in EXPLORATION).
 */
export class RegistryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: JalinPubSub,
  ) {}

  // Partner cities

  async createPartnerCity(actor: Actor, values: PartnerCityValues): Promise<PartnerCity> {
    assertCanManageRegistry(actor);
    return this.dataSource.transaction(async (manager) => {
      const countryCode = await knownCountry(manager, values.countryCode);
      const city = manager.create(PartnerCity, {
        name: text(values.name, 'name'),
        region: text(values.region, 'region'),
        countryCode,
        level: values.level,
        indonesianMission: optionalText(values.indonesianMission),
        archivedAt: null,
      });
      return manager.save(PartnerCity, city);
    });
  }

  async updatePartnerCity(actor: Actor, id: number, changes: Changes<PartnerCityValues>): Promise<PartnerCity> {
    assertCanManageRegistry(actor);
    return this.dataSource.transaction(async (manager) => {
      const city = await liveRow(manager, PartnerCity, id, 'PartnerCity');
      if (changes.name !== undefined) city.name = text(required(changes.name, 'name'), 'name');
      if (changes.region !== undefined) city.region = text(required(changes.region, 'region'), 'region');
      if (changes.countryCode !== undefined) city.countryCode = await knownCountry(manager, required(changes.countryCode, 'countryCode'));
      if (changes.level !== undefined) city.level = required(changes.level, 'level');
      if (changes.indonesianMission !== undefined) city.indonesianMission = optionalText(changes.indonesianMission);
      return manager.save(PartnerCity, city);
    });
  }

  /** Leaves default lists, stays in history. A city with live agreements stays: archive those first. */
  async archivePartnerCity(actor: Actor, id: number): Promise<PartnerCity> {
    assertCanManageRegistry(actor);
    return this.dataSource.transaction(async (manager) => {
      const city = await liveRow(manager, PartnerCity, id, 'PartnerCity');
      const live = await manager.getRepository(Agreement).createQueryBuilder('a').where('a.partnerCityId = :id AND a.archivedAt IS NULL', { id }).getCount();
      if (live > 0) throw badInput(`The partner city still has ${live} agreement(s) that are not archived; archive them first`, { field: 'id' });
      city.archivedAt = new Date();
      return manager.save(PartnerCity, city);
    });
  }

  // Agreements

  async createAgreement(actor: Actor, values: AgreementValues): Promise<Agreement> {
    assertCanManageRegistry(actor);
    const saved = await this.dataSource.transaction(async (manager) => {
      await livePartnerCity(manager, values.partnerCityId);
      const now = new Date();
      const agreement = await manager.save(
        Agreement,
        manager.create(Agreement, {
          title: text(values.title, 'title'),
          kind: values.kind,
          partnerCityId: values.partnerCityId,
          scope: text(values.scope, 'scope'),
          status: AgreementStatus.EXPLORATION,
          statusChangedAt: now,
          boardSeq: 0,
          archivedAt: null,
        }),
      );
      await replaceFields(manager, agreement.id, values.fields);
      await manager.insert(StatusChange, { agreementId: agreement.id, fromStatus: null, toStatus: AgreementStatus.EXPLORATION, actorId: actor.id, note: 'Agreement recorded', at: now });
      return agreement;
    });
    this.published(saved.id);
    return saved;
  }

  async updateAgreement(actor: Actor, id: number, changes: Changes<AgreementValues>): Promise<Agreement> {
    assertCanManageRegistry(actor);
    const saved = await this.dataSource.transaction(async (manager) => {
      const agreement = await liveRow(manager, Agreement, id, 'Agreement');
      if (changes.title !== undefined) agreement.title = text(required(changes.title, 'title'), 'title');
      if (changes.kind !== undefined) agreement.kind = required(changes.kind, 'kind');
      if (changes.scope !== undefined) agreement.scope = text(required(changes.scope, 'scope'), 'scope');
      if (changes.partnerCityId !== undefined) {
        const partnerCityId = required(changes.partnerCityId, 'partnerCityId');
        if (partnerCityId !== agreement.partnerCityId) await livePartnerCity(manager, partnerCityId);
        agreement.partnerCityId = partnerCityId;
      }
      if (changes.fields !== undefined) await replaceFields(manager, id, required(changes.fields, 'fields'));
      return manager.save(Agreement, agreement);
    });
    this.published(id);
    return saved;
  }

  async archiveAgreement(actor: Actor, id: number): Promise<Agreement> {
    assertCanManageRegistry(actor);
    const saved = await this.dataSource.transaction(async (manager) => {
      const agreement = await liveRow(manager, Agreement, id, 'Agreement');
      agreement.archivedAt = new Date();
      return manager.save(Agreement, agreement);
    });
    this.published(id);
    return saved;
  }

  // Documents (recording a new one belongs to the workflow)

  async updateDocument(actor: Actor, id: number, changes: DocumentChanges): Promise<AgreementDocument> {
    assertCanManageRegistry(actor);
    const saved = await this.dataSource.transaction(async (manager) => {
      const document = await liveRow(manager, AgreementDocument, id, 'AgreementDocument');
      await liveRow(manager, Agreement, document.agreementId, 'Agreement');
      if (changes.number !== undefined) document.number = optionalText(changes.number);
      if (changes.note !== undefined) document.note = optionalText(changes.note);
      if (changes.signedOn !== undefined) document.signedOn = isoDate(changes.signedOn, 'signedOn');
      if (changes.validityMonths !== undefined) document.validityMonths = changes.validityMonths;
      if (changes.validUntil !== undefined) document.validUntil = isoDate(changes.validUntil, 'validUntil');
      settleValidity(document, changes);
      return manager.save(AgreementDocument, document);
    });
    this.published(saved.agreementId);
    return saved;
  }

  async archiveDocument(actor: Actor, id: number): Promise<AgreementDocument> {
    assertCanManageRegistry(actor);
    const saved = await this.dataSource.transaction(async (manager) => {
      const document = await liveRow(manager, AgreementDocument, id, 'AgreementDocument');
      document.archivedAt = new Date();
      return manager.save(AgreementDocument, document);
    });
    this.published(saved.agreementId);
    return saved;
  }

  /** Only after commit, so a subscriber never sees a change that was rolled back. */
  private published(agreementId: number) {
    this.pubSub.publish(Topic.AGREEMENT_UPDATED, String(agreementId), { agreementId });
  }
}

/**
 * Validity months, signing date and end date must agree: with a signing date and months the end
 * date follows (addMonths); an explicit end date that says otherwise, or one before the signing,
 * is refused.
 */
function settleValidity(document: AgreementDocument, changes: DocumentChanges) {
  const months = document.validityMonths;
  if (months !== null) assertValidityMonths(months);
  if (document.signedOn && months !== null) {
    const derived = addMonths(document.signedOn, months);
    if (changes.validUntil != null && changes.validUntil !== derived) {
      throw badInput(`validUntil ${changes.validUntil} does not match signedOn ${document.signedOn} plus ${months} months (${derived}); give one or the other`, {
        field: 'validUntil',
      });
    }
    document.validUntil = derived;
  }
  if (document.signedOn && document.validUntil && document.validUntil <= document.signedOn) {
    throw badInput(`validUntil (${document.validUntil}) must be after signedOn (${document.signedOn})`, { field: 'validUntil' });
  }
}

type Archivable = typeof PartnerCity | typeof Agreement | typeof AgreementDocument;

async function liveRow<E extends Archivable>(manager: EntityManager, entity: E, id: number, what: NodeTypeName): Promise<InstanceType<E>> {
  const row = (await manager.findOne(entity, { where: { id }, lock: lockFor(manager) })) as InstanceType<E> | null;
  if (!row) throw nodeNotFound(what, id);
  if (row.archivedAt) throw badInput(`The ${what} is archived and cannot be changed`, { field: 'id' });
  return row;
}

async function livePartnerCity(manager: EntityManager, id: number) {
  const city = await manager.findOneBy(PartnerCity, { id });
  if (!city) throw nodeNotFound('PartnerCity', id);
  if (city.archivedAt) throw badInput(`The partner city ${city.name} is archived; agreements cannot be made with it`, { field: 'partnerCityId' });
  return city;
}

async function knownCountry(manager: EntityManager, code: string): Promise<string> {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper) || !(await manager.existsBy(Country, { code: upper }))) {
    throw badInput(`Unknown country code: ${code.slice(0, 10)} (use ISO 3166-1 alpha-2, e.g. AU)`, { field: 'countryCode' });
  }
  return upper;
}

async function replaceFields(manager: EntityManager, agreementId: number, fields: CooperationField[]) {
  const unique = [...new Set(fields)];
  if (unique.length === 0) throw badInput('An agreement needs at least one field of cooperation', { field: 'fields' });
  await manager.delete(AgreementFieldEntry, { agreementId });
  await manager.insert(
    AgreementFieldEntry,
    unique.map((field) => ({ agreementId, field })),
  );
}

function required<T>(value: T | null, field: string): T {
  if (value === null) throw badInput(`${field} cannot be null; leave it out to keep its value`, { field });
  return value;
}

function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(`${field} must not be empty`, { field });
  // Only control or zero-width characters look empty to people (and compare equal to '' in MySQL).
  if (!/[\p{L}\p{N}]/u.test(trimmed)) throw badInput(`${field} must contain a letter or a digit`, { field });
  return trimmed;
}

function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function isoDate(value: string | null, field: string): string | null {
  if (value === null) return null;
  if (!isIsoDate(value)) throw badInput(`${field} must be a date written YYYY-MM-DD`, { field });
  // Both databases store these years; anything outside is a typo, not a cooperation document.
  const year = Number(value.slice(0, 4));
  if (year < 1900 || year > 2200) throw badInput(`${field} must be between 1900 and 2200`, { field });
  return value;
}
