import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsISO31661Alpha2, IsInt, IsOptional, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AgreementKind, CooperationField, PartnerLevel } from '../../entities';
import { MAX_VALIDITY_MONTHS, MIN_VALIDITY_MONTHS } from '../../services/validity';
import { ISO_DATE_PATTERN } from './patterns';

const COUNTRY_MESSAGE = 'countryCode must be an ISO 3166-1 alpha-2 code, e.g. AU';
const MAX_SCOPE = 10_000;

@InputType({ description: 'A partner city abroad' })
export class PartnerCityInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field({ description: 'State, province or prefecture' })
  @MinLength(1)
  @MaxLength(200)
  region: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of its country' })
  @MaxLength(2)
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  countryCode: string;

  @Field(() => PartnerLevel)
  level: PartnerLevel;

  @Field(() => String, { nullable: true, description: 'Indonesian mission that facilitates it, e.g. KJRI Perth' })
  @IsOptional()
  @MaxLength(200)
  indonesianMission?: string | null;
}

@InputType({ description: 'Changes to a partner city; fields left out stay as they are' })
export class UpdatePartnerCityInput {
  @Field({ nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  region?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2)
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  countryCode?: string;

  @Field(() => PartnerLevel, { nullable: true })
  @IsOptional()
  level?: PartnerLevel;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @MaxLength(200)
  indonesianMission?: string | null;
}

@InputType({ description: 'A new agreement; it starts in EXPLORATION (the workflow moves it on)' })
export class AgreementInput {
  @Field()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @Field(() => AgreementKind)
  kind: AgreementKind;

  // Decoded (and refused when it is not a PartnerCity id) by the resolver.
  @Field(() => ID, { description: 'The opaque global id of the partner city' })
  partnerCityId: string;

  @Field(() => [CooperationField], { description: 'Fields of cooperation (bidang), at least one' })
  @ArrayMinSize(1, { message: 'fields needs at least one field of cooperation' })
  @ArrayMaxSize(Object.keys(CooperationField).length)
  @ArrayUnique({ message: 'fields must not repeat a field' })
  fields: CooperationField[];

  @Field({ description: 'Ruang lingkup: what the cooperation covers' })
  @MinLength(1)
  @MaxLength(MAX_SCOPE)
  scope: string;
}

@InputType({ description: 'Changes to an agreement; fields left out stay as they are. The status is the workflow’s' })
export class UpdateAgreementInput {
  @Field({ nullable: true })
  @IsOptional()
  @MinLength(3)
  @MaxLength(300)
  title?: string;

  @Field(() => AgreementKind, { nullable: true })
  @IsOptional()
  kind?: AgreementKind;

  @Field(() => ID, { nullable: true, description: 'The opaque global id of the new partner city' })
  @IsOptional()
  partnerCityId?: string;

  @Field(() => [CooperationField], { nullable: true, description: 'Replaces the fields of cooperation' })
  @IsOptional()
  @ArrayMinSize(1, { message: 'fields needs at least one field of cooperation' })
  @ArrayMaxSize(Object.keys(CooperationField).length)
  @ArrayUnique({ message: 'fields must not repeat a field' })
  fields?: CooperationField[];

  @Field({ nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_SCOPE)
  scope?: string;
}

@InputType({ description: 'Corrections to a recorded document; fields left out stay as they are, null clears' })
export class UpdateDocumentInput {
  @Field(() => String, { nullable: true, description: 'Document number, e.g. 075/12/KS/2020' })
  @IsOptional()
  @MaxLength(100)
  number?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @MaxLength(10)
  @Matches(ISO_DATE_PATTERN, { message: 'signedOn must be a date written YYYY-MM-DD' })
  signedOn?: string | null;

  @Field(() => Int, { nullable: true, description: `Validity in months (${MIN_VALIDITY_MONTHS}–${MAX_VALIDITY_MONTHS}); with signedOn it sets validUntil` })
  @IsOptional()
  @IsInt()
  @Min(MIN_VALIDITY_MONTHS)
  @Max(MAX_VALIDITY_MONTHS)
  validityMonths?: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, after signedOn' })
  @IsOptional()
  @MaxLength(10)
  @Matches(ISO_DATE_PATTERN, { message: 'validUntil must be a date written YYYY-MM-DD' })
  validUntil?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}
