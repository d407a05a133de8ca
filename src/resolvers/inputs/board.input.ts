import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ActivityDecision, FundingSource } from '../../entities';
import { describedAs, fieldsTypeName, type PatchOf, type Variant } from './add-and-patch';

// The rules of the values are checked once, by the board service (services/board/activity-rules.ts):
// the board resolver takes these inputs with `validate: false`.

/** A draft activity's values, for `addDraftActivity` and `updateDraftActivity` (which also takes the decision). */
function activityFields(variant: Variant) {
  const patch = variant === 'patch';
  // Registered for its fields only (inputs that extend it get them); not a type of the schema.
  @InputType(fieldsTypeName('DraftActivity', variant))
  abstract class DraftActivityFields {
    @Field({ nullable: patch, description: describedAs(variant, 'Title of the activity (kegiatan), 1–300 characters, not blank', 'New title, 1–300 characters, not blank') })
    title: string;

    @Field({ nullable: true, description: describedAs(variant, 'Ruang lingkup (scope): what the activity covers, up to 5 000 characters; empty when left out', 'New ruang lingkup (scope), up to 5 000 characters') })
    scope?: string;

    @Field({ nullable: true, description: describedAs(variant, 'Manfaat (benefit): what the activity brings, and to whom; up to 5 000 characters, empty when left out', 'New manfaat (benefit), up to 5 000 characters') })
    benefit?: string;

    @Field({ nullable: true, description: describedAs(variant, 'Keluaran (output): what the activity delivers; up to 5 000 characters, empty when left out', 'New keluaran (output), up to 5 000 characters') })
    output?: string;

    @Field(() => Int, { nullable: true, description: describedAs(variant, 'Budget year (tahun anggaran), 2000–2100', 'New budget year (tahun anggaran), 2000–2100; null clears it') })
    year?: number | null;

    @Field(() => Float, { nullable: true, description: describedAs(variant, 'Estimated budget in whole Rupiah (IDR), 0 to 10^15', 'New estimated budget in whole Rupiah (IDR), 0 to 10^15; null clears it') })
    budgetEstimate?: number | null;

    @Field(() => FundingSource, { nullable: true, description: describedAs(variant, 'Where the money comes from (sumber dana)', 'New source of money (sumber dana); null clears it') })
    fundingSource?: FundingSource | null;
  }
  return DraftActivityFields;
}

@InputType({ description: 'A new draft activity (kegiatan) and where on the board it goes' })
export class AddDraftActivityInput extends activityFields('add') {
  // The ids are decoded (and refused when they name another kind of object) by the resolver.
  @Field(() => ID, { description: 'The opaque global id of the agreement whose board gets the activity' })
  agreementId: string;

  @Field(() => ID, { nullable: true, description: "The opaque global id of the proposing OPD; an OPD editor's own OPD when left out" })
  opdId?: string;

  @Field(() => ID, { nullable: true, description: 'The opaque global id of the activity the new one follows; with neither neighbour, it goes to the end' })
  afterId?: string;

  @Field(() => ID, { nullable: true, description: 'The opaque global id of the activity the new one precedes' })
  beforeId?: string;
}

@InputType({ description: 'The fields to change; fields left out stay as they are' })
export class DraftActivityPatch extends (activityFields('patch') as PatchOf<InstanceType<ReturnType<typeof activityFields>>>) {
  @Field(() => ActivityDecision, { nullable: true, description: "The OPD's decision: PROPOSED or ACCEPTED (REMOVED is refused: use removeDraftActivity)" })
  decision?: ActivityDecision;
}
