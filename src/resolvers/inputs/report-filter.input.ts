import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AgreementStatus, CooperationField } from '../../entities';
import { LocalDate } from '../../scalars/local-date';
import { ISO_DATE_PATTERN } from './patterns';
import { DEFAULT_EXPIRY_WINDOW_DAYS, EXPIRY_WINDOW_RANGE, MAX_EXPIRY_WINDOW_DAYS } from '../../services/expiry-window';

// The same rules check the query parameters of the report downloads, GET /reports/cooperation.csv and .xlsx
// (src/http/report-export.ts). Over GraphQL the LocalDate scalar has already checked `from` and `to`; the
// patterns below are for the downloads, whose query parameters are plain strings.
@InputType({ description: 'Which agreements a cooperation report covers; every given criterion must hold (a list matches any of its values). Archived agreements are never included.' })
export class ReportFilter {
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes of partner countries, any case (at most 250); an unknown code is an error' })
  @IsOptional()
  @ArrayMaxSize(250, { message: 'countryCodes takes at most 250 codes' })
  @Matches(/^[A-Za-z]{2}$/, { each: true, message: 'each country code must have two letters (ISO 3166-1 alpha-2)' })
  countryCodes?: string[];

  @Field(() => [AgreementStatus], { nullable: true, description: 'Current statuses of the agreement (at most 20)' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'statuses takes at most 20 values' })
  @IsEnum(AgreementStatus, { each: true, message: `each status must be one of ${Object.values(AgreementStatus).join(', ')}` })
  statuses?: AgreementStatus[];

  @Field(() => [CooperationField], { nullable: true, description: 'Fields of cooperation (bidang): the agreement has at least one of them' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'fields takes at most 20 values' })
  @IsEnum(CooperationField, { each: true, message: `each field must be one of ${Object.values(CooperationField).join(', ')}` })
  fields?: CooperationField[];

  @Field(() => [ID], {
    nullable: true,
    description:
      'Opaque global ids of OPDs: only agreements on which one of them has a live (not removed) activity; activity figures then count only their activities',
  })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'opdIds takes at most 100 ids' })
  @MaxLength(64, { each: true, message: 'each of opdIds must be the id of an OPD as the API returned it' })
  opdIds?: string[];

  @Field(() => LocalDate, {
    nullable: true,
    description:
      "First day (inclusive) of the agreement's reference date: the day its Letter of Intent was signed (loiSignedOn), or, where there is none, the UTC day the agreement was recorded (createdAt)",
  })
  @IsOptional()
  @Matches(ISO_DATE_PATTERN, { message: 'from must be a date in the form YYYY-MM-DD' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day (inclusive) of the reference date, not before from; see `from`' })
  @IsOptional()
  @Matches(ISO_DATE_PATTERN, { message: 'to must be a date in the form YYYY-MM-DD' })
  to?: string;

  @Field(() => Int, {
    nullable: true,
    description: `An MoU in force is "expiring" when it lapses between today (UTC) and this many days later, both included: 0–${MAX_EXPIRY_WINDOW_DAYS}, ${DEFAULT_EXPIRY_WINDOW_DAYS} by default`,
  })
  @IsOptional()
  @IsInt({ message: 'expiringWithinDays must be a whole number' })
  @Min(0, { message: `expiringWithinDays must be ${EXPIRY_WINDOW_RANGE}` })
  @Max(MAX_EXPIRY_WINDOW_DAYS, { message: `expiringWithinDays must be ${EXPIRY_WINDOW_RANGE}` })
  expiringWithinDays?: number;
}
