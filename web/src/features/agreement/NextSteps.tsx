import { Group, List, Text, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AgreementPageQuery, WorkflowStepCode } from '../../gql/graphql';
import { formatDate } from '../common/format';

type Step = NonNullable<AgreementPageQuery['agreement']>['nextSteps'][number];

/**
 * A checklist item in the reader's language, from its code and arguments (the server's English
 * `label`/`detail` are for API clients): the step, and while it is open, what is still missing.
 */
export function stepText(step: Step, t: TFunction): { label: string; missing: string | null } {
  const activity = ({ activity }: Step['activities'][number]) => t('agreement.step.activity', { title: activity.title, opd: activity.opd.code });
  const args = {
    document: step.documentKind ? t(`agreement.documentKind.${step.documentKind}`) : '',
    date: formatDate(step.date),
    round: step.reviewRound ?? '',
    opd: step.opd?.code ?? '',
    incomplete: step.activities.map((a) => t('agreement.step.lacks', { activity: activity(a), fields: a.missingFields.map((f) => t(`agreement.step.field.${f}`)).join(', ') })).join('; '),
    activities: step.activities.map(activity).join('; '),
  };
  const label = t(`agreement.step.${step.code}.label`, args);
  const missing = step.done ? undefined : MISSING[step.code]?.(step);
  return { label, missing: missing ? t(`agreement.step.${step.code}.${missing}`, args) : null };
}

/** Which text says what an open requirement lacks; the steps themselves (RECORD_LOI, …) lack nothing. */
const MISSING: Partial<Record<WorkflowStepCode, (step: Step) => string>> = {
  HAS_ACTIVITIES: () => 'missing',
  ACTIVITIES_COMPLETE: () => 'missing',
  // Open for one of two reasons: a meeting still runs, or none was closed since drafting (re)started.
  DRAFTING_MEETING_CLOSED: (step) => (step.meetingId ? 'inProgress' : 'noneClosed'),
  ACTIVITIES_ACCEPTED: () => 'missing',
  OPD_PRESENTED: () => 'missing',
  ACTION_PLAN: () => 'missing',
};

/**
 * What a refused step lacks, worded as the checklist words it: INVALID_TRANSITION's
 * `extensions.missing` carries each open requirement's key and code but not its arguments, so each
 * code is said by the one of its texts that needs none (the OPD of OPD_PRESENTED is in its key,
 * `PRESENTED:<OPD code>`). Null for a code this client has no such text for.
 */
const REFUSED_WORDING: Partial<Record<WorkflowStepCode, (key: string) => { text: 'label' | 'missing'; opd?: string }>> = {
  HAS_ACTIVITIES: () => ({ text: 'label' }),
  ACTIVITIES_COMPLETE: () => ({ text: 'label' }),
  DRAFTING_MEETING_CLOSED: () => ({ text: 'label' }),
  ACTIVITIES_ACCEPTED: () => ({ text: 'label' }),
  OPD_PRESENTED: (key) => ({ text: 'missing', opd: key.split(':')[1] }),
  ACTION_PLAN: () => ({ text: 'missing' }),
};

export function missingRequirementText({ key, code }: { key: string; code: string }, t: TFunction): string | null {
  const wording = REFUSED_WORDING[code as WorkflowStepCode]?.(key);
  if (!wording || (code === 'OPD_PRESENTED' && !wording.opd)) return null;
  return t(`agreement.step.${code}.${wording.text}`, { opd: wording.opd }).replace(/\.$/, '');
}

/** `Agreement.nextSteps` as a checklist. */
export function NextSteps({ steps }: { steps: Step[] }) {
  const { t } = useTranslation();
  if (steps.length === 0) return <Text size="sm">{t('agreement.noNextSteps')}</Text>;
  return (
    <List spacing="xs" listStyleType="none" data-testid="next-steps">
      {steps.map((step) => {
        const { label, missing } = stepText(step, t);
        return (
          <List.Item key={step.key} data-code={step.code} data-done={step.done}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Text aria-hidden fw={700} c={step.done ? 'green.9' : 'gray.7'}>
                {step.done ? '☑' : '☐'}
              </Text>
              <div>
                <VisuallyHidden>{step.done ? t('agreement.stepDone') : t('agreement.stepOpen')}</VisuallyHidden>
                <Text size="sm" fw={step.done ? 400 : 600}>
                  {label}
                </Text>
                {missing && (
                  <Text size="xs" c="dimmed">
                    {missing}
                  </Text>
                )}
              </div>
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}
