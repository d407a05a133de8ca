import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ActivityDecision, FundingSource } from '../../entities';

// The rules of the values are checked once, by the board service (services/board/activity-rules.ts):
// the board resolver takes these inputs with `validate: false`.

@InputType({ description: 'A new draft activity (kegiatan) and where on the board it goes' })
export class AddDraftActivityInput {
  // The ids are decoded (and refused when they name another kind of object) by the resolver.
  @Field(() => ID, { description: 'The opaque global id of the agreement whose board gets the activity' })
  agreementId: string;

  @Field(() => ID, { nullable: true, description: "The opaque global id of the proposing OPD; an OPD editor's own OPD when left out" })
  opdId?: string;

  @Field({ description: 'Title of the activity (kegiatan), 1–300 characters, not blank' })
  title: string;

  @Field({ nullable: true, description: 'Ruang lingkup (scope): what the activity covers, up to 5 000 characters; empty when left out' })
  scope?: string;

  @Field({ nullable: true, description: 'Manfaat (benefit): what the activity brings, and to whom; up to 5 000 characters, empty when left out' })
  benefit?: string;

  @Field({ nullable: true, description: 'Keluaran (output): what the activity delivers; up to 5 000 characters, empty when left out' })
  output?: string;

  @Field(() => Int, { nullable: true, description: 'Budget year (tahun anggaran), 2000–2100' })
  year?: number;

  @Field(() => Float, { nullable: true, description: 'Estimated budget in whole Rupiah (IDR), 0 to 10^15' })
  budgetEstimate?: number;

  @Field(() => FundingSource, { nullable: true, description: 'Where the money comes from (sumber dana)' })
  fundingSource?: FundingSource;

  @Field(() => ID, { nullable: true, description: 'The opaque global id of the activity the new one follows; with neither neighbour, it goes to the end' })
  afterId?: string;

  @Field(() => ID, { nullable: true, description: 'The opaque global id of the activity the new one precedes' })
  beforeId?: string;
}

@InputType({ description: 'The fields to change; fields left out stay as they are' })
export class DraftActivityPatch {
  @Field({ nullable: true, description: 'New title, 1–300 characters, not blank' })
  title?: string;

  @Field({ nullable: true, description: 'New ruang lingkup (scope), up to 5 000 characters' })
  scope?: string;

  @Field({ nullable: true, description: 'New manfaat (benefit), up to 5 000 characters' })
  benefit?: string;

  @Field({ nullable: true, description: 'New keluaran (output), up to 5 000 characters' })
  output?: string;

  @Field(() => Int, { nullable: true, description: 'New budget year (tahun anggaran), 2000–2100; null clears it' })
  year?: number | null;

  @Field(() => Float, { nullable: true, description: 'New estimated budget in whole Rupiah (IDR), 0 to 10^15; null clears it' })
  budgetEstimate?: number | null;

  @Field(() => FundingSource, { nullable: true, description: 'New source of money (sumber dana); null clears it' })
  fundingSource?: FundingSource | null;

  @Field(() => ActivityDecision, { nullable: true, description: "The OPD's decision: PROPOSED or ACCEPTED (REMOVED is refused: use removeDraftActivity)" })
  decision?: ActivityDecision;
}
