import { Field, Int, ObjectType } from 'type-graphql';
import { Agreement } from '../entities';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType()
export class AgreementEdge {
  @Field()
  cursor: string;

  @Field(() => Agreement)
  node: Agreement;
}

@ObjectType({ description: 'A page of agreements (Relay connection)' })
export class AgreementConnection {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [AgreementEdge])
  edges: AgreementEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
