import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_VALIDITY_MONTHS, MIN_VALIDITY_MONTHS } from '../../services/validity';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DocumentKind } from '../../entities';
import { ISO_DATE_PATTERN } from './patterns';

const DATE_MESSAGE = '$property must be a date written YYYY-MM-DD';

@InputType({ description: 'A signed document: LoI, cooperation plan, DPRD decision, MoU, implementing agreement or addendum' })
export class DocumentInput {
  @Field(() => DocumentKind)
  kind: DocumentKind;

  @Field(() => String, { nullable: true, description: 'Document number, e.g. 075/12/KS/2020' })
  @IsOptional()
  @MaxLength(100)
  number?: string | null;

  @Field({ description: 'YYYY-MM-DD; not in the future' })
  @Matches(ISO_DATE_PATTERN, { message: DATE_MESSAGE })
  signedOn: string;

  @Field(() => Int, { nullable: true, description: 'Validity in months; required for an MoU' })
  @IsOptional()
  @Min(MIN_VALIDITY_MONTHS)
  @Max(MAX_VALIDITY_MONTHS)
  validityMonths?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: 'A renewal MoU: it replaces the validity of the current one' })
export class RenewalInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  number?: string | null;

  @Field({ description: 'YYYY-MM-DD; not in the future' })
  @Matches(ISO_DATE_PATTERN, { message: DATE_MESSAGE })
  signedOn: string;

  @Field(() => Int)
  @Min(MIN_VALIDITY_MONTHS)
  @Max(MAX_VALIDITY_MONTHS)
  validityMonths: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: 'One line of the action plan: an activity, its timeline (dates or a quarter) and the responsible OPD' })
export class ActionPlanItemInput {
  // Both ids are decoded (and refused when they name another kind of object) by the resolver.
  @Field(() => ID, { description: 'The opaque global id of the draft activity the line plans' })
  activityId: string;

  @Field(() => ID, { description: 'The opaque global id of the OPD that answers for the line' })
  responsibleOpdId: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(ISO_DATE_PATTERN, { message: DATE_MESSAGE })
  startOn?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(ISO_DATE_PATTERN, { message: DATE_MESSAGE })
  endOn?: string | null;

  @Field(() => String, { nullable: true, description: 'A quarter such as 2026-Q3, instead of dates' })
  @IsOptional()
  @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must look like 2026-Q3' })
  quarter?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;
}

@InputType({ description: 'The action plan (rencana aksi): a line for every activity of the agreement' })
export class ActionPlanInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;

  @Field(() => [ActionPlanItemInput])
  @ArrayMinSize(1, { message: 'an action plan needs at least one line' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  items: ActionPlanItemInput[];
}
