import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsISO31661Alpha2, IsInt, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AgreementKind, CooperationField, PartnerLevel } from '../../entities';
import { MAX_VALIDITY_MONTHS, MIN_VALIDITY_MONTHS } from '../../services/validity';
import { LocalDate } from '../../scalars/local-date';
import { describedAs, fieldsTypeName, optionalIn, type PatchOf, type Variant } from './add-and-patch';

const COUNTRY_MESSAGE = 'countryCode must be an ISO 3166-1 alpha-2 code, e.g. AU';
const MAX_SCOPE = 10_000;

/** A partner city's fields, for `createPartnerCity` and `updatePartnerCity`. */
function partnerCityFields(variant: Variant) {
  const patch = variant === 'patch';
  // Registered for its fields only (inputs that extend it get them); not a type of the schema.
  @InputType(fieldsTypeName('PartnerCity', variant))
  abstract class PartnerCityFields {
    @Field({ nullable: patch, description: describedAs(variant, 'Name of the city or region, e.g. Perth (1–200 characters)', 'New name (1–200 characters)') })
    @optionalIn(variant)
    @MinLength(1)
    @MaxLength(200)
    name: string;

    @Field({ nullable: patch, description: describedAs(variant, 'State, province or prefecture it lies in, e.g. Western Australia (1–200 characters)', 'New state, province or prefecture (1–200 characters)') })
    @optionalIn(variant)
    @MinLength(1)
    @MaxLength(200)
    region: string;

    @Field({ nullable: patch, description: describedAs(variant, 'ISO 3166-1 alpha-2 code of its country, e.g. AU (any case)', 'ISO 3166-1 alpha-2 code of the new country, e.g. NZ') })
    @optionalIn(variant)
    @MaxLength(2)
    @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
    countryCode: string;

    @Field(() => PartnerLevel, { nullable: patch, description: describedAs(variant, 'Level of government: city, regency, state, province or prefecture', 'New level of government') })
    @optionalIn(variant)
    level: PartnerLevel;

    @Field(() => String, {
      nullable: true,
      description: describedAs(variant, 'Indonesian mission that facilitates it, e.g. KJRI Perth (up to 200 characters)', 'Indonesian mission that facilitates it (up to 200 characters); null clears it'),
    })
    @IsOptional()
    @MaxLength(200)
    indonesianMission?: string | null;
  }
  return PartnerCityFields;
}

@InputType({ description: 'A partner city abroad' })
export class PartnerCityInput extends partnerCityFields('add') {}

@InputType({ description: 'Changes to a partner city; fields left out stay as they are' })
export class UpdatePartnerCityInput extends (partnerCityFields('patch') as PatchOf<PartnerCityInput>) {}

/** An agreement's fields, for `createAgreement` and `updateAgreement` (its status is the workflow's). */
function agreementFields(variant: Variant) {
  const patch = variant === 'patch';
  @InputType(fieldsTypeName('Agreement', variant))
  abstract class AgreementFields {
    @Field({ nullable: patch, description: describedAs(variant, 'Title of the cooperation (3–300 characters)', 'New title (3–300 characters)') })
    @optionalIn(variant)
    @MinLength(3)
    @MaxLength(300)
    title: string;

    @Field(() => AgreementKind, { nullable: patch, description: describedAs(variant, 'Sister city or other cooperation', 'New kind: sister city or other cooperation') })
    @optionalIn(variant)
    kind: AgreementKind;

    // Decoded (and refused when it is not a PartnerCity id) by the resolver.
    @Field(() => ID, { nullable: patch, description: describedAs(variant, 'The opaque global id of the partner city', 'The opaque global id of the new partner city') })
    @optionalIn(variant)
    partnerCityId: string;

    @Field(() => [CooperationField], {
      nullable: patch,
      description: describedAs(variant, 'Fields of cooperation (bidang kerja sama): at least one, none twice', 'Replaces the fields of cooperation (bidang kerja sama): at least one, none twice'),
    })
    @optionalIn(variant)
    @ArrayMinSize(1, { message: 'fields needs at least one field of cooperation' })
    @ArrayMaxSize(Object.keys(CooperationField).length)
    @ArrayUnique({ message: 'fields must not repeat a field' })
    fields: CooperationField[];

    @Field({ nullable: patch, description: describedAs(variant, 'Ruang lingkup (scope): what the cooperation covers (1–10 000 characters)', 'New ruang lingkup (scope), 1–10 000 characters') })
    @optionalIn(variant)
    @MinLength(1)
    @MaxLength(MAX_SCOPE)
    scope: string;
  }
  return AgreementFields;
}

@InputType({ description: 'A new agreement; it starts in EXPLORATION (the workflow moves it on)' })
export class AgreementInput extends agreementFields('add') {}

@InputType({ description: 'Changes to an agreement; fields left out stay as they are. The status is the workflow’s' })
export class UpdateAgreementInput extends (agreementFields('patch') as PatchOf<AgreementInput>) {}

@InputType({ description: 'Corrections to a recorded document; fields left out stay as they are, null clears' })
export class UpdateDocumentInput {
  @Field(() => String, { nullable: true, description: 'Document number (nomor surat), e.g. 075/12/KS/2020; up to 100 characters' })
  @IsOptional()
  @MaxLength(100)
  number?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day the document was signed, in the years 1900–2200' })
  @IsOptional()
  signedOn?: string | null;

  @Field(() => Int, { nullable: true, description: `Validity in months (${MIN_VALIDITY_MONTHS}–${MAX_VALIDITY_MONTHS}); with signedOn it sets validUntil` })
  @IsOptional()
  @IsInt()
  @Min(MIN_VALIDITY_MONTHS)
  @Max(MAX_VALIDITY_MONTHS)
  validityMonths?: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day the document is valid, after signedOn; with validityMonths it must be signedOn + validityMonths' })
  @IsOptional()
  validUntil?: string | null;

  @Field(() => String, { nullable: true, description: 'Free remark about the document (up to 1 000 characters)' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}
