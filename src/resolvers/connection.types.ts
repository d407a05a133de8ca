import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { Agreement, Notification, PartnerCity, User } from '../entities';
import { AgreementOrderField } from '../services/agreement-query.service';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SortDirection, type Connection } from '../services/pagination';

@ObjectType({ description: 'Where a page lies in its list (Relay Cursor Connections)' })
export class PageInfo {
  @Field({ description: 'Whether more items follow the page (paging forward: exact; paging backward with `before`: whether any item lies at or after `before`)' })
  hasNextPage: boolean;

  @Field({ description: 'Whether items precede the page (paging backward: exact; paging forward with `after`: whether any item lies at or before `after`)' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; pass it as `before` for the page before; null when the page is empty' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; pass it as `after` for the page after; null when the page is empty' })
  endCursor: string | null;
}

/**
 * The paging arguments of every connection. The range and the first-or-last rule are checked in
 * services/pagination.ts (BAD_USER_INPUT with a clear message), the one place paging lives.
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page forward: this many items (1–${MAX_PAGE_SIZE}) after \`after\`, or from the start; ${DEFAULT_PAGE_SIZE} when neither first nor last is given` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Start after this cursor (an endCursor or edge cursor from the same list in the same order)' })
  after?: string;

  @Field(() => Int, { nullable: true, description: `Page backward: this many items (1–${MAX_PAGE_SIZE}) before \`before\`, or from the end; not together with first` })
  last?: number;

  @Field(() => String, { nullable: true, description: 'End before this cursor (a startCursor or edge cursor from the same list in the same order)' })
  before?: string;
}

/**
 * Declares `<Name>Edge` and `<Name>Connection` for one node type: edges with cursors, the `nodes`
 * shortcut, pageInfo and totalCount. Every list that can grow uses it.
 */
export function connectionOf<T extends object>(nodeType: ClassType<T>, name: string, items: string) {
  @ObjectType(`${name}Edge`, { description: `One of the ${items} of a page, with its cursor` })
  class Edge {
    @Field({ description: 'Opaque position of this item in its list and order, for `after` or `before`' })
    cursor: string;

    @Field(() => nodeType, { description: `The item` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${items} (Relay connection)` })
  class ConnectionType implements Connection<T> {
    @Field(() => Int, { description: `How many ${items} the whole list holds, whatever the page` })
    totalCount: number;

    @Field(() => [Edge], { description: 'The items of the page with their cursors, in list order' })
    edges: Edge[];

    @Field(() => [nodeType], { description: 'The items of the page without cursors, in list order (a shortcut for edges { node })' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Cursors of the page ends and whether more items lie beyond them' })
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

export const AgreementConnection = connectionOf(Agreement, 'Agreement', 'agreements');
export type AgreementConnection = Connection<Agreement>;
export const PartnerCityConnection = connectionOf(PartnerCity, 'PartnerCity', 'partner cities');
export type PartnerCityConnection = Connection<PartnerCity>;
export const UserConnection = connectionOf(User, 'User', 'users');
export type UserConnection = Connection<User>;
export const NotificationConnection = connectionOf(Notification, 'Notification', 'notifications');
export type NotificationConnection = Connection<Notification>;

registerEnumType(SortDirection, {
  name: 'OrderDirection',
  description: 'Direction of an order',
  valuesConfig: { ASC: { description: 'Smallest, earliest or first in the alphabet first' }, DESC: { description: 'Largest, latest or last in the alphabet first' } },
});

registerEnumType(AgreementOrderField, {
  name: 'AgreementOrderField',
  description: 'What agreements can be ordered by; ties are broken by id, in the same direction',
  valuesConfig: {
    CREATED_AT: { description: 'When the agreement was recorded (the order ids are given in); the default' },
    TITLE: { description: 'Title, character by character by Unicode code point (capitals before small letters), the same on every database' },
    STATUS: { description: 'Status in workflow order: EXPLORATION first, then LOI_SIGNED … MOU_IN_FORCE, EXPIRED, TERMINATED, CANCELLED' },
    UPDATED_AT: { description: 'The last change of the agreement record itself (not of its board, documents or history)' },
    EXPIRES_ON: { description: 'Date the MoU lapses; agreements without one come last in either direction' },
  },
});

@InputType({ description: 'How to order agreements' })
export class AgreementOrder {
  @Field(() => AgreementOrderField, { description: 'What to order by' })
  field: AgreementOrderField;

  @Field(() => SortDirection, { description: 'Which way' })
  direction: SortDirection;
}
