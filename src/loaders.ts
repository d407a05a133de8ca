import DataLoader from 'dataloader';
import { hydrate } from './services/sql-session';
import { In, IsNull, type DataSource, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { ActionPlan, ActionPlanItem, Meeting, MeetingAgendaItem, MeetingAttendance, Agreement, AgreementDocument, AgreementFieldEntry, Country, CooperationField, DraftActivity, Opd, OpdPresentation, PartnerCity, StatusChange, User } from './entities';

function byKey<K, V extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<V>, key: keyof V & string, where: Record<string, unknown> = {}) {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await dataSource.getRepository(entity).findBy({ ...where, [key]: In(keys as K[]) } as never);
    const found = new Map(rows.map((row) => [row[key] as K, row]));
    return keys.map((k) => found.get(k) ?? null);
  });
}

function groupedBy<V extends ObjectLiteral>(keys: readonly number[], rows: V[], key: keyof V): V[][] {
  const groups = new Map<number, V[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(row[key] as number)?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * The live activities of some agreements in board order, as TypeORM's `find` gives them, but read
 * with plain column names and hydrated column by column with the driver's own conversions: a
 * dashboard page holds a thousand and more, and TypeORM's general row-to-entity transformer (aliases,
 * joins, grouping) was a seventh of its time. `test/loaders-and-documents.e2e.test.ts` checks that both
 * give equal entities on each database.
 */
export async function liveActivitiesOf(dataSource: DataSource, agreementIds: readonly number[]): Promise<DraftActivity[]> {
  if (agreementIds.length === 0) return [];
  const metadata = dataSource.getMetadata(DraftActivity);
  const q = (name: string) => dataSource.driver.escape(name);
  const column = (property: string) => q(metadata.findColumnWithPropertyName(property)!.databaseName);
  const raw: Record<string, unknown>[] = await dataSource.query(
    `SELECT * FROM ${q(metadata.tableName)} WHERE ${column('agreementId')} IN (${agreementIds.map(() => '?').join(', ')}) AND ${column('removedAt')} IS NULL ` +
      `ORDER BY ${column('agreementId')}, ${column('position')}, ${column('id')}`,
    [...agreementIds],
  );
  return raw.map((row) => hydrate(dataSource, DraftActivity, row));
}

/** How to make each loader; one of each is made per request, on first use (see `createLoaders`). */
const factories = {
  country: (dataSource: DataSource) => byKey<string, Country>(dataSource, Country, 'code'),
  partnerCity: (dataSource: DataSource) => byKey<number, PartnerCity>(dataSource, PartnerCity, 'id'),
  opd: (dataSource: DataSource) => byKey<number, Opd>(dataSource, Opd, 'id'),
  agreement: (dataSource: DataSource) => byKey<number, Agreement>(dataSource, Agreement, 'id'),
  user: (dataSource: DataSource) => byKey<number, User>(dataSource, User, 'id'),
  /** Live (not removed) activities of each agreement, in board order. */
  activitiesOfAgreement: (dataSource: DataSource) => new DataLoader<number, DraftActivity[]>(async (ids) => {
    const rows = await liveActivitiesOf(dataSource, ids);
    return groupedBy(ids, rows, 'agreementId');
  }),
  documentsOfAgreement: (dataSource: DataSource) => new DataLoader<number, AgreementDocument[]>(async (ids) => {
    const rows = await dataSource.getRepository(AgreementDocument).find({
      where: { agreementId: In(ids as number[]), archivedAt: IsNull() },
      order: { signedOn: 'ASC', id: 'ASC' },
    });
    return groupedBy(ids, rows, 'agreementId');
  }),
  historyOfAgreement: (dataSource: DataSource) => new DataLoader<number, StatusChange[]>(async (ids) => {
    const rows = await dataSource.getRepository(StatusChange).find({
      where: { agreementId: In(ids as number[]) },
      order: { at: 'ASC', id: 'ASC' },
    });
    return groupedBy(ids, rows, 'agreementId');
  }),
  fieldsOfAgreement: (dataSource: DataSource) => new DataLoader<number, CooperationField[]>(async (ids) => {
    const rows = await dataSource.getRepository(AgreementFieldEntry).find({
      where: { agreementId: In(ids as number[]) },
      order: { field: 'ASC' },
    });
    return groupedBy(ids, rows, 'agreementId').map((entries) => entries.map((e) => e.field));
  }),
  activity: (dataSource: DataSource) => byKey<number, DraftActivity>(dataSource, DraftActivity, 'id'),
  meeting: (dataSource: DataSource) => byKey<number, Meeting>(dataSource, Meeting, 'id'),
  meetingAttendance: (dataSource: DataSource) => byKey<number, MeetingAttendance>(dataSource, MeetingAttendance, 'id'),
  meetingAgendaItem: (dataSource: DataSource) => byKey<number, MeetingAgendaItem>(dataSource, MeetingAgendaItem, 'id'),
  /** Each meeting's invitees, in invitation order. */
  attendanceOfMeeting: (dataSource: DataSource) => new DataLoader<number, MeetingAttendance[]>(async (ids) => {
    const rows = await dataSource.getRepository(MeetingAttendance).find({ where: { meetingId: In(ids as number[]) }, order: { position: 'ASC', id: 'ASC' } });
    return groupedBy(ids, rows, 'meetingId');
  }),
  /** Each meeting's agenda, in order. */
  agendaOfMeeting: (dataSource: DataSource) => new DataLoader<number, MeetingAgendaItem[]>(async (ids) => {
    const rows = await dataSource.getRepository(MeetingAgendaItem).find({ where: { meetingId: In(ids as number[]) }, order: { position: 'ASC', id: 'ASC' } });
    return groupedBy(ids, rows, 'meetingId');
  }),
  /** Drafting meetings of each agreement, by day then as scheduled. */
  meetingsOfAgreement: (dataSource: DataSource) => new DataLoader<number, Meeting[]>(async (ids) => {
    const rows = await dataSource.getRepository(Meeting).find({ where: { agreementId: In(ids as number[]) }, order: { heldOn: 'ASC', id: 'ASC' } });
    return groupedBy(ids, rows, 'agreementId');
  }),
  // By id, for `node(id)`: each kind of object a client can refetch has one.
  document: (dataSource: DataSource) => byKey<number, AgreementDocument>(dataSource, AgreementDocument, 'id'),
  statusChange: (dataSource: DataSource) => byKey<number, StatusChange>(dataSource, StatusChange, 'id'),
  presentation: (dataSource: DataSource) => byKey<number, OpdPresentation>(dataSource, OpdPresentation, 'id'),
  actionPlan: (dataSource: DataSource) => byKey<number, ActionPlan>(dataSource, ActionPlan, 'id'),
  actionPlanItem: (dataSource: DataSource) => byKey<number, ActionPlanItem>(dataSource, ActionPlanItem, 'id'),
  /** OPD presentations to the DPRD, of every review round, in the order they happened. */
  presentationsOfAgreement: (dataSource: DataSource) => new DataLoader<number, OpdPresentation[]>(async (ids) => {
    const rows = await dataSource.getRepository(OpdPresentation).find({
      where: { agreementId: In(ids as number[]) },
      order: { reviewRound: 'ASC', presentedOn: 'ASC', id: 'ASC' },
    });
    return groupedBy(ids, rows, 'agreementId');
  }),
  /** The current (not superseded) action plan of each agreement. */
  actionPlanOfAgreement: (dataSource: DataSource) => byKey<number, ActionPlan>(dataSource, ActionPlan, 'agreementId', { supersededAt: IsNull() }),
  itemsOfActionPlan: (dataSource: DataSource) => new DataLoader<number, ActionPlanItem[]>(async (ids) => {
    const rows = await dataSource.getRepository(ActionPlanItem).find({
      where: { actionPlanId: In(ids as number[]) },
      order: { actionPlanId: 'ASC', position: 'ASC' },
    });
    return groupedBy(ids, rows, 'actionPlanId');
  }),
};

type Factories = typeof factories;
export type Loaders = { readonly [K in keyof Factories]: ReturnType<Factories[K]> };

const source = Symbol('dataSource');
const created = Symbol('created loaders');
type LoaderState = { [source]: DataSource; [created]: { clearAll(): unknown }[] };

/** Shared getters: the first read of a loader makes it and puts it on the request's own object. */
const lazyLoaders: object = Object.create(null);
for (const key of Object.keys(factories) as (keyof Factories)[]) {
  Object.defineProperty(lazyLoaders, key, {
    get(this: LoaderState) {
      const loader = factories[key](this[source]);
      Object.defineProperty(this, key, { value: loader, enumerable: true });
      this[created].push(loader);
      return loader;
    },
  });
}

/**
 * DataLoaders for one request: a request batches every lookup of a kind into one statement, and no
 * cache outlives the request (so one user's view never leaks into another's, and nothing goes stale).
 * Each is made on first use: a subscription's context (one per subscriber) then costs one small
 * object, not a dozen loaders with their caches.
 */
export function createLoaders(dataSource: DataSource): Loaders {
  const state: LoaderState = Object.create(lazyLoaders);
  state[source] = dataSource;
  state[created] = [];
  return state as unknown as Loaders;
}

/**
 * Forgets everything the loaders cached. A subscription keeps one context for its whole life, so
 * each event it delivers starts from a clean slate and shows the committed state, not the first one.
 */
export function clearLoaders(loaders: Loaders) {
  for (const loader of (loaders as unknown as LoaderState)[created]) loader.clearAll();
}

