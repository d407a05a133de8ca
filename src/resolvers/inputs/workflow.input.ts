import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_VALIDITY_MONTHS, MIN_VALIDITY_MONTHS } from '../../services/validity';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DocumentKind } from '../../entities';
import { LocalDate } from '../../scalars/local-date';

@InputType({ description: 'A signed document: LoI, cooperation plan, DPRD decision, MoU, implementing agreement or addendum' })
export class DocumentInput {
  @Field(() => DocumentKind, { description: 'What the document is; each kind is accepted only in some statuses (see DocumentKind)' })
  kind: DocumentKind;

  @Field(() => String, { nullable: true, description: 'Document number (nomor surat), e.g. 075/12/KS/2020; up to 100 characters' })
  @IsOptional()
  @MaxLength(100)
  number?: string | null;

  @Field(() => LocalDate, { description: 'Day the document was signed; not in the future (an MoU: not before dprdApprovedOn)' })
  signedOn: string;

  @Field(() => Int, { nullable: true, description: `Validity in months (${MIN_VALIDITY_MONTHS}–${MAX_VALIDITY_MONTHS}); required for an MoU, whose expiresOn it gives` })
  @IsOptional()
  @Min(MIN_VALIDITY_MONTHS)
  @Max(MAX_VALIDITY_MONTHS)
  validityMonths?: number | null;

  @Field(() => String, { nullable: true, description: 'Free remark about the document (up to 1 000 characters)' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: 'A renewal MoU: it replaces the validity of the current one' })
export class RenewalInput {
  @Field(() => String, { nullable: true, description: 'Number of the renewal MoU (nomor surat); up to 100 characters' })
  @IsOptional()
  @MaxLength(100)
  number?: string | null;

  @Field(() => LocalDate, { description: 'Day the renewal was signed; not in the future, not before the current MoU was signed' })
  signedOn: string;

  @Field(() => Int, { description: `Validity of the renewal in months (${MIN_VALIDITY_MONTHS}–${MAX_VALIDITY_MONTHS}); the new expiresOn, signedOn + validityMonths, must not be past already` })
  @Min(MIN_VALIDITY_MONTHS)
  @Max(MAX_VALIDITY_MONTHS)
  validityMonths: number;

  @Field(() => String, { nullable: true, description: 'Free remark about the renewal (up to 1 000 characters)' })
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

  @Field(() => LocalDate, { nullable: true, description: 'First day of the activity; give startOn and endOn together, or a quarter' })
  @IsOptional()
  startOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day of the activity, not before startOn' })
  @IsOptional()
  endOn?: string | null;

  @Field(() => String, { nullable: true, description: 'A quarter written YYYY-Qn, e.g. 2026-Q3, instead of startOn and endOn' })
  @IsOptional()
  @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must look like 2026-Q3' })
  quarter?: string | null;

  @Field(() => String, { nullable: true, description: 'What happens in this line, in free text (up to 1 000 characters)' })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;
}

@InputType({ description: 'The action plan (rencana aksi): a line for every activity of the agreement' })
export class ActionPlanInput {
  @Field(() => String, { nullable: true, description: 'Free remark on the plan (up to 1 000 characters)' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;

  @Field(() => [ActionPlanItemInput], { description: 'The lines, 1–200, in plan order: one for every live activity of the agreement' })
  @ArrayMinSize(1, { message: 'an action plan needs at least one line' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  items: ActionPlanItemInput[];
}
