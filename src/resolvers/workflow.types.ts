import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One item of the checklist of what an agreement still needs in its current state' })
export class WorkflowStep {
  @Field({ description: 'Stable key, e.g. ACTIVITIES_ACCEPTED or PRESENTED:BAPPEDA' })
  key: string;

  @Field({ description: 'What the step needs, in words for a dashboard' })
  label: string;

  @Field({ description: 'Whether it is done already' })
  done: boolean;

  @Field(() => String, { nullable: true, description: 'What exactly is missing, when not done' })
  detail?: string | null;
}
