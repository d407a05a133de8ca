import { ArrayMaxSize, IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LocalDate } from '../../scalars/local-date';

@InputType({ description: 'A person invited to a meeting by name (not as an OPD)' })
export class InvitedPersonInput {
  @Field({ description: 'Name, up to 200 characters' })
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true, description: 'Office or function, up to 200 characters' })
  @IsOptional()
  @MaxLength(200)
  office?: string | null;
}

@InputType({ description: 'A drafting meeting to schedule' })
export class ScheduleMeetingInput {
  @Field(() => ID, { description: 'The opaque global id of the agreement whose activities the meeting discusses' })
  agreementId: string;

  @Field({ description: 'Title, e.g. Rapat Pembahasan Rencana Kerja Sama; up to 300 characters' })
  @MaxLength(300)
  title: string;

  @Field(() => LocalDate, { description: 'Day the meeting is held' })
  heldOn: string;

  @Field(() => String, { nullable: true, description: 'Local time it starts, HH:MM (WITA)' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be a time written HH:MM (24 hours)' })
  startTime?: string | null;

  @Field({ description: 'Where it is held; up to 300 characters' })
  @MaxLength(300)
  place: string;

  @Field(() => String, { nullable: true, description: "The chair's name; up to 200 characters" })
  @IsOptional()
  @MaxLength(200)
  chairName?: string | null;

  @Field({ description: "The chair's office, e.g. Asisten III Sekda Kota Denpasar; up to 200 characters" })
  @MaxLength(200)
  chairOffice: string;

  @Field(() => [String], { nullable: true, description: 'The agenda, in order (at most 30 items of up to 300 characters)' })
  @IsOptional()
  @ArrayMaxSize(30)
  agenda?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The OPDs invited (their global ids), in the order of the attendance list' })
  @IsOptional()
  @ArrayMaxSize(100)
  invitedOpdIds?: string[] | null;

  @Field(() => [InvitedPersonInput], { nullable: true, description: 'People invited by name, listed after the OPDs' })
  @IsOptional()
  @ArrayMaxSize(100)
  invitedPeople?: InvitedPersonInput[] | null;

  @Field(() => String, { nullable: true, description: 'Free remark on the meeting, up to 1 000 characters' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}
