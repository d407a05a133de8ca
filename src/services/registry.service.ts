import type { DataSource, EntityManager } from 'typeorm';
import {
  Agreement,
  AgreementDocument,
  AgreementFieldEntry,
  AgreementKind,
  AgreementStatus,
  CooperationField,
  PartnerCity,
  PartnerLevel,
  StatusChange,
} from '../entities';
import { InputReason, badInput } from '../errors';
import { nodeNotFound, type NodeTypeName } from '../global-id';
import type { EventBus } from '../events/event-bus';
import { diffOf, eventBase } from '../events/domain-events';
import { assertCanManageRegistry, type Actor } from './access-policy';
import { assertValidityMonths } from './validity';
import { addMonths, isIsoDate } from './dates';
import { lockFor } from './row-lock';
import { requiredText } from './text-rules';
import { assertKnownCountries } from './countries';

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
    private readonly events: EventBus,
  ) {}

  // Partner cities

  async createPartnerCity(actor: Actor, values: PartnerCityValues): Promise<PartnerCity> {
    assertCanManageRegistry(actor);
    return this.events.transaction(this.dataSource, async (manager, unit) => {
      const countryCode = await knownCountry(manager, values.countryCode);
      const city = manager.create(PartnerCity, {
        name: text(values.name, 'name'),
        region: text(values.region, 'region'),
        countryCode,
        level: values.level,
        indonesianMission: optionalText(values.indonesianMission),
        archivedAt: null,
      });
      const saved = await manager.save(PartnerCity, city);
      const diff = diffOf(null, { ...saved }, PARTNER_CITY_FIELDS);
      unit.record({ type: 'PartnerCityCreated', ...eventBase(actor, 'createPartnerCity', { type: 'PartnerCity', id: saved.id }, diff) });
      return saved;
    });
  }

  async updatePartnerCity(actor: Actor, id: number, changes: Changes<PartnerCityValues>): Promise<PartnerCity> {
    assertCanManageRegistry(actor);
    return this.events.transaction(this.dataSource, async (manager, unit) => {
      const city = await liveRow(manager, PartnerCity, id, 'PartnerCity');
      const before = { ...city };
      if (changes.name !== undefined) city.name = text(required(changes.name, 'name'), 'name');
      if (changes.region !== undefined) city.region = text(required(changes.region, 'region'), 'region');
      if (changes.countryCode !== undefined) city.countryCode = await knownCountry(manager, required(changes.countryCode, 'countryCode'));
      if (changes.level !== undefined) city.level = required(changes.level, 'level');
      if (changes.indonesianMission !== undefined) city.indonesianMission = optionalText(changes.indonesianMission);
      const saved = await manager.save(PartnerCity, city);
      const diff = diffOf(before, { ...saved }, PARTNER_CITY_FIELDS);
      unit.record({ type: 'PartnerCityUpdated', ...eventBase(actor, 'updatePartnerCity', { type: 'PartnerCity', id }, diff) });
      return saved;
    });
  }

  /** Leaves default lists, stays in history. A city with live agreements stays: archive those first. */
  async archivePartnerCity(actor: Actor, id: number): Promise<PartnerCity> {
    assertCanManageRegistry(actor);
    return this.events.transaction(this.dataSource, async (manager, unit) => {
      const city = await liveRow(manager, PartnerCity, id, 'PartnerCity');
      const live = await manager.getRepository(Agreement).createQueryBuilder('a').where('a.partnerCityId = :id AND a.archivedAt IS NULL', { id }).getCount();
      if (live > 0) throw badInput(`The partner city still has ${live} agreement(s) that are not archived; archive them first`, { argument: 'id', reason: InputReason.IN_USE });
      city.archivedAt = new Date();
      const saved = await manager.save(PartnerCity, city);
      unit.record({ type: 'PartnerCityArchived', ...eventBase(actor, 'archivePartnerCity', { type: 'PartnerCity', id }, diffOf({ archivedAt: null }, saved, ['archivedAt'])) });
      return saved;
    });
  }

  // Agreements

  async createAgreement(actor: Actor, values: AgreementValues): Promise<Agreement> {
    assertCanManageRegistry(actor);
    return this.events.transaction(this.dataSource, async (manager, unit) => {
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
      await insertFields(manager, agreement.id, values.fields);
      await manager.insert(StatusChange, { agreementId: agreement.id, fromStatus: null, toStatus: AgreementStatus.EXPLORATION, actorId: actor.id, note: 'Agreement recorded', at: now });
      const diff = diffOf(null, { ...agreement, fields: sortedFields(values.fields) }, AGREEMENT_FIELDS);
      unit.record({ type: 'AgreementCreated', agreementId: agreement.id, ...eventBase(actor, 'createAgreement', { type: 'Agreement', id: agreement.id }, diff) });
      return agreement;
    });
  }

  async updateAgreement(actor: Actor, id: number, changes: Changes<AgreementValues>): Promise<Agreement> {
    assertCanManageRegistry(actor);
    return this.events.transaction(this.dataSource, async (manager, unit) => {
      const agreement = await liveRow(manager, Agreement, id, 'Agreement');
      const before = { ...agreement, fields: changes.fields !== undefined ? await fieldsOf(manager, id) : undefined };
      if (changes.title !== undefined) agreement.title = text(required(changes.title, 'title'), 'title');
      if (changes.kind !== undefined) agreement.kind = required(changes.kind, 'kind');
      if (changes.scope !== undefined) agreement.scope = text(required(changes.scope, 'scope'), 'scope');
      if (changes.partnerCityId !== undefined) {
        const partnerCityId = required(changes.partnerCityId, 'partnerCityId');
        if (partnerCityId !== agreement.partnerCityId) await livePartnerCity(manager, partnerCityId);
        agreement.partnerCityId = partnerCityId;
      }
      if (changes.fields !== undefined) await replaceFields(manager, id, required(changes.fields, 'fields'));
      const saved = await manager.save(Agreement, agreement);
      const after = { ...saved, fields: changes.fields ? sortedFields(changes.fields) : undefined };
      unit.record({ type: 'AgreementUpdated', agreementId: id, ...eventBase(actor, 'updateAgreement', { type: 'Agreement', id }, diffOf(before, after, AGREEMENT_FIELDS)) });
      return saved;
    });
  }

  async archiveAgreement(actor: Actor, id: number): Promise<Agreement> {
    assertCanManageRegistry(actor);
    return this.events.transaction(this.dataSource, async (manager, unit) => {
      const agreement = await liveRow(manager, Agreement, id, 'Agreement');
      agreement.archivedAt = new Date();
      const saved = await manager.save(Agreement, agreement);
      unit.record({ type: 'AgreementArchived', agreementId: id, ...eventBase(actor, 'archiveAgreement', { type: 'Agreement', id }, diffOf({ archivedAt: null }, saved, ['archivedAt'])) });
      return saved;
    });
  }

  // Documents (recording a new one belongs to the workflow)

  async updateDocument(actor: Actor, id: number, changes: DocumentChanges): Promise<AgreementDocument> {
    assertCanManageRegistry(actor);
    return this.events.transaction(this.dataSource, async (manager, unit) => {
      const document = await liveRow(manager, AgreementDocument, id, 'AgreementDocument');
      await liveRow(manager, Agreement, document.agreementId, 'Agreement');
      const before = { ...document };
      if (changes.number !== undefined) document.number = optionalText(changes.number);
      if (changes.note !== undefined) document.note = optionalText(changes.note);
      if (changes.signedOn !== undefined) document.signedOn = isoDate(changes.signedOn, 'signedOn');
      if (changes.validityMonths !== undefined) document.validityMonths = changes.validityMonths;
      if (changes.validUntil !== undefined) document.validUntil = isoDate(changes.validUntil, 'validUntil');
      settleValidity(document, changes);
      const saved = await manager.save(AgreementDocument, document);
      const diff = diffOf(before, { ...saved }, DOCUMENT_FIELDS);
      unit.record({ type: 'DocumentUpdated', agreementId: saved.agreementId, ...eventBase(actor, 'updateDocument', { type: 'AgreementDocument', id }, diff) });
      return saved;
    });
  }

  async archiveDocument(actor: Actor, id: number): Promise<AgreementDocument> {
    assertCanManageRegistry(actor);
    return this.events.transaction(this.dataSource, async (manager, unit) => {
      const document = await liveRow(manager, AgreementDocument, id, 'AgreementDocument');
      document.archivedAt = new Date();
      const saved = await manager.save(AgreementDocument, document);
      const diff = diffOf({ archivedAt: null }, saved, ['archivedAt']);
      unit.record({ type: 'DocumentArchived', agreementId: saved.agreementId, ...eventBase(actor, 'archiveDocument', { type: 'AgreementDocument', id }, diff) });
      return saved;
    });
  }
}

/** The fields the audit trail compares, per kind of record. */
const PARTNER_CITY_FIELDS = ['name', 'region', 'countryCode', 'level', 'indonesianMission'] as const;
const AGREEMENT_FIELDS = ['title', 'kind', 'partnerCityId', 'scope', 'status', 'fields'] as const;
const DOCUMENT_FIELDS = ['number', 'signedOn', 'validityMonths', 'validUntil', 'note'] as const;

const sortedFields = (fields: CooperationField[]) => [...new Set(fields)].sort();

async function fieldsOf(manager: EntityManager, agreementId: number): Promise<string[]> {
  const rows = await manager.findBy(AgreementFieldEntry, { agreementId });
  return rows.map((row) => row.field).sort();
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
        reason: InputReason.CONFLICTING_ARGUMENTS,
        argument: 'validUntil',
      });
    }
    document.validUntil = derived;
  }
  if (document.signedOn && document.validUntil && document.validUntil <= document.signedOn) {
    throw badInput(`validUntil (${document.validUntil}) must be after signedOn (${document.signedOn})`, { argument: 'validUntil', reason: InputReason.DATE_ORDER, after: document.signedOn });
  }
}

type Archivable = typeof PartnerCity | typeof Agreement | typeof AgreementDocument;

async function liveRow<E extends Archivable>(manager: EntityManager, entity: E, id: number, what: NodeTypeName): Promise<InstanceType<E>> {
  const row = (await manager.findOne(entity, { where: { id }, lock: lockFor(manager) })) as InstanceType<E> | null;
  if (!row) throw nodeNotFound(what, id);
  if (row.archivedAt) throw badInput(`The ${what} is archived and cannot be changed`, { argument: 'id', reason: InputReason.ARCHIVED });
  return row;
}

async function livePartnerCity(manager: EntityManager, id: number) {
  const city = await manager.findOneBy(PartnerCity, { id });
  if (!city) throw nodeNotFound('PartnerCity', id);
  if (city.archivedAt) throw badInput(`The partner city ${city.name} is archived; agreements cannot be made with it`, { argument: 'partnerCityId', reason: InputReason.ARCHIVED });
  return city;
}

async function knownCountry(manager: EntityManager, code: string): Promise<string> {
  return (await assertKnownCountries(manager, [code], 'countryCode'))[0];
}

async function replaceFields(manager: EntityManager, agreementId: number, fields: CooperationField[]) {
  await manager.delete(AgreementFieldEntry, { agreementId });
  await insertFields(manager, agreementId, fields);
}

/**
 * A new agreement has no fields to delete, and deleting none would still take an InnoDB gap lock
 * that concurrent creations then deadlock on: it only inserts.
 */
async function insertFields(manager: EntityManager, agreementId: number, fields: CooperationField[]) {
  const unique = [...new Set(fields)];
  if (unique.length === 0) throw badInput('An agreement needs at least one field of cooperation', { argument: 'fields', reason: InputReason.REQUIRED });
  await manager.insert(
    AgreementFieldEntry,
    unique.map((field) => ({ agreementId, field })),
  );
}

function required<T>(value: T | null, field: string): T {
  if (value === null) throw badInput(`${field} cannot be null; leave it out to keep its value`, { argument: field, reason: InputReason.REQUIRED });
  return value;
}

const text = requiredText;

function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function isoDate(value: string | null, field: string): string | null {
  if (value === null) return null;
  if (!isIsoDate(value)) throw badInput(`${field} must be a date written YYYY-MM-DD`, { argument: field, reason: InputReason.NOT_A_DATE });
  // Both databases store these years; anything outside is a typo, not a cooperation document.
  const year = Number(value.slice(0, 4));
  if (year < 1900 || year > 2200) throw badInput(`${field} must be between 1900 and 2200`, { argument: field, reason: InputReason.OUT_OF_RANGE, min: '1900-01-01', max: '2200-12-31' });
  return value;
}
