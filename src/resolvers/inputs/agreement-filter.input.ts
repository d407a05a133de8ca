import { ArrayMaxSize, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AgreementStatus, CooperationField } from '../../entities';

@InputType({ description: 'Narrows the list of agreements; every given criterion must hold' })
export class AgreementFilter {
  @Field(() => [AgreementStatus], { nullable: true, description: 'Current statuses of the agreement (at most 20)' })
  @IsOptional()
  @ArrayMaxSize(20)
  statuses?: AgreementStatus[];

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes of partner countries' })
  @IsOptional()
  @ArrayMaxSize(250)
  @Length(2, 2, { each: true, message: 'each country code must have two letters (ISO 3166-1 alpha-2)' })
  @Matches(/^[A-Za-z]{2}$/, { each: true, message: 'each country code must have two letters (ISO 3166-1 alpha-2)' })
  countryCodes?: string[];

  // Decoded (and refused when it is not a PartnerCity id) by the resolver.
  @Field(() => ID, { nullable: true, description: 'The opaque global id of a partner city: only its agreements' })
  @IsOptional()
  partnerCityId?: string;

  @Field(() => [CooperationField], { nullable: true, description: 'Fields of cooperation (bidang kerja sama): the agreement has at least one of them (at most 20)' })
  @IsOptional()
  @ArrayMaxSize(20)
  fields?: CooperationField[];

  @Field({ nullable: true, description: 'Words to find in the title, the scope or the partner city name' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true, description: 'Include archived agreements (left out by default)' })
  @IsOptional()
  includeArchived?: boolean;
}
