import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementPageQuery as AgreementPageData, AgreementStatus, DocumentKind } from '../../gql/graphql';
import type { SessionUser } from '../../auth/session';
import { NO_ERRORS, READABLE_ALERT, formErrors, type FormErrors } from '../common/errors';
import { DayInput } from '../common/DayInput';
import { today } from '../common/format';
import { documentKindsFor, NEXT_STEP, type ActionKey } from './permissions';
import {
  AdvanceMutation,
  AttachActionPlanMutation,
  CancelMutation,
  DprdDecisionMutation,
  RecordDocumentMutation,
  RecordPresentationMutation,
  RenewMutation,
  TerminateMutation,
} from './queries';

type Agreement = NonNullable<AgreementPageData['agreement']>;
type Opd = AgreementPageData['opds'][number];

interface FormProps {
  agreement: Agreement;
  opds: Opd[];
  user: SessionUser;
  onDone(): void;
  onCancel(): void;
}

/**
 * Runs one workflow mutation for a form: on a refusal, the server's message goes to the input it
 * names (extensions.argument / fields) and the rest above the form; nothing is kept
 * locally, so a refused change shows exactly what the server still has after a refetch.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function useAction<TData, TVars extends Record<string, any>>(document: TypedDocumentNode<TData, TVars>, fields: readonly string[], onDone: () => void) {
  const { t } = useTranslation();
  const [mutate, { loading }] = useMutation(document);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const run = async (variables: TVars) => {
    setErrors(NO_ERRORS);
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await mutate({ variables } as any);
      notifications.show({ color: 'green', message: t('agreement.actions.saved') });
      onDone();
    } catch (error) {
      setErrors(formErrors(error, fields));
    }
  };
  return { run, errors, loading };
}

function FormFrame({ title, errors, loading, onSubmit, onCancel, children, testId }: { title: string; errors: FormErrors; loading: boolean; onSubmit(): void; onCancel(): void; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid={testId} aria-label={title}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        {errors.form && (
          <Alert color="red" role="alert" styles={READABLE_ALERT} title={t(`agreement.errors.${errors.code ?? 'generic'}`, { defaultValue: t('agreement.errors.generic') })} data-testid="form-error">
            {errors.form}
          </Alert>
        )}
        {Object.keys(errors.fields).length > 0 && !errors.form && (
          <Alert color="red" role="alert" data-testid="form-error-summary">
            {t('agreement.errors.fixFields')}
          </Alert>
        )}
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function NoteInput({ value, onChange, error, required = false, description }: { value: string; onChange(v: string): void; error?: string; required?: boolean; description?: string }) {
  const { t } = useTranslation();
  return <Textarea label={t('agreement.form.note')} description={description} required={required} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} autosize minRows={2} maxRows={6} name="note" />;
}

function DayField({ label, value, onChange, error, name }: { label: string; value: string; onChange(v: string): void; error?: string; name: string }) {
  return <DayInput label={label} required value={value} onChange={onChange} error={error} name={name} w={220} />;
}

function AdvanceForm({ agreement, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const to = NEXT_STEP[agreement.status as AgreementStatus]!;
  const [note, setNote] = useState('');
  const { run, errors, loading } = useAction(AdvanceMutation, ['note', 'to'], onDone);
  return (
    <FormFrame title={t('agreement.actions.advance')} errors={errors} loading={loading} onCancel={onCancel} testId="form-advance" onSubmit={() => void run({ id: agreement.id, to, note: note || null })}>
      <Text>{t('agreement.form.advanceTo', { status: t(`status.${to}`) })}</Text>
      <NoteInput value={note} onChange={setNote} error={errors.fields.note} />
    </FormFrame>
  );
}

function DocumentForm({ agreement, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const kinds = documentKindsFor(agreement.status as AgreementStatus);
  const [kind, setKind] = useState<DocumentKind>(kinds[0]);
  const [signedOn, setSignedOn] = useState(today());
  const [number, setNumber] = useState('');
  const [validityMonths, setValidityMonths] = useState<number | string>(kinds[0] === 'MOU' ? 60 : '');
  const [note, setNote] = useState('');
  const { run, errors, loading } = useAction(RecordDocumentMutation, ['kind', 'signedOn', 'number', 'validityMonths', 'note'], onDone);
  return (
    <FormFrame
      title={t('agreement.actions.document')}
      errors={errors}
      loading={loading}
      onCancel={onCancel}
      testId="form-document"
      onSubmit={() =>
        void run({
          agreementId: agreement.id,
          input: { kind, signedOn, number: number || null, validityMonths: validityMonths === '' ? null : Number(validityMonths), note: note || null },
        })
      }
    >
      <Select label={t('agreement.form.kind')} data={kinds.map((k) => ({ value: k, label: t(`agreement.documentKind.${k}`) }))} value={kind} onChange={(v) => v && setKind(v as DocumentKind)} allowDeselect={false} error={errors.fields.kind} />
      <Group align="flex-start" wrap="wrap">
        <DayField label={t('agreement.form.signedOn')} value={signedOn} onChange={setSignedOn} error={errors.fields.signedOn} name="signedOn" />
        <TextInput label={t('agreement.form.number')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.fields.number} name="number" w={240} />
        <NumberInput label={t('agreement.form.validityMonths')} value={validityMonths} onChange={setValidityMonths} error={errors.fields.validityMonths} name="validityMonths" allowDecimal={false} w={200} />
      </Group>
      <NoteInput value={note} onChange={setNote} error={errors.fields.note} />
    </FormFrame>
  );
}

function PresentationForm({ agreement, opds, user, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  // An OPD editor records its own OPD's presentation only; officers and admins any OPD of the board.
  const choices = user.role === 'OPD_EDITOR' ? opds.filter((o) => o.id === user.opd?.id) : opds;
  const [opdId, setOpdId] = useState<string | null>(choices[0]?.id ?? null);
  const [presentedOn, setPresentedOn] = useState(today());
  const [note, setNote] = useState('');
  const { run, errors, loading } = useAction(RecordPresentationMutation, ['opdId', 'presentedOn', 'note'], onDone);
  return (
    <FormFrame
      title={t('agreement.actions.presentation')}
      errors={errors}
      loading={loading}
      onCancel={onCancel}
      testId="form-presentation"
      onSubmit={() => void run({ agreementId: agreement.id, opdId: opdId ?? '', presentedOn, note: note || null })}
    >
      <Select label={t('agreement.form.opd')} data={choices.map((o) => ({ value: o.id, label: `${o.code} – ${o.name}` }))} value={opdId} onChange={setOpdId} allowDeselect={false} error={errors.fields.opdId} />
      <DayField label={t('agreement.form.presentedOn')} value={presentedOn} onChange={setPresentedOn} error={errors.fields.presentedOn} name="presentedOn" />
      <NoteInput value={note} onChange={setNote} error={errors.fields.note} />
    </FormFrame>
  );
}

function ActionPlanForm({ agreement, opds, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const live = agreement.activities.filter((a) => !a.removedAt);
  const [lines, setLines] = useState(() => live.map((a) => ({ activityId: a.id, title: a.title, quarter: '', responsibleOpdId: a.opd.id })));
  const [note, setNote] = useState('');
  const { run, errors, loading } = useAction(AttachActionPlanMutation, ['items', 'note'], onDone);
  const setLine = (index: number, patch: Partial<(typeof lines)[number]>) => setLines((current) => current.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  return (
    <FormFrame
      title={t('agreement.actions.actionPlan')}
      errors={errors}
      loading={loading}
      onCancel={onCancel}
      testId="form-actionPlan"
      onSubmit={() =>
        void run({
          agreementId: agreement.id,
          input: { note: note || null, items: lines.map((l) => ({ activityId: l.activityId, responsibleOpdId: l.responsibleOpdId, quarter: l.quarter.trim() || null })) },
        })
      }
    >
      <Text size="sm">{t('agreement.form.actionPlanHelp')}</Text>
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agreement.form.activity')}</Table.Th>
              <Table.Th>{t('agreement.form.quarter')}</Table.Th>
              <Table.Th>{t('agreement.form.responsibleOpd')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, index) => (
              <Table.Tr key={line.activityId}>
                <Table.Td>{line.title}</Table.Td>
                <Table.Td>
                  <TextInput aria-label={t('agreement.form.quarterFor', { title: line.title })} placeholder="2026-Q3" value={line.quarter} onChange={(e) => setLine(index, { quarter: e.currentTarget.value })} w={120} />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('agreement.form.responsibleOpdFor', { title: line.title })}
                    data={opds.map((o) => ({ value: o.id, label: o.code }))}
                    value={line.responsibleOpdId}
                    onChange={(v) => v && setLine(index, { responsibleOpdId: v })}
                    allowDeselect={false}
                    w={160}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {errors.fields.items && (
        <Text c="red.9" size="sm" role="alert" data-testid="items-error">
          {errors.fields.items}
        </Text>
      )}
      <NoteInput value={note} onChange={setNote} error={errors.fields.note} />
    </FormFrame>
  );
}

function DprdDecisionForm({ agreement, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<'APPROVED' | 'RETURNED'>('APPROVED');
  const [decidedOn, setDecidedOn] = useState(today());
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const { run, errors, loading } = useAction(DprdDecisionMutation, ['decision', 'decidedOn', 'reference', 'note'], onDone);
  return (
    <FormFrame
      title={t('agreement.actions.dprdDecision')}
      errors={errors}
      loading={loading}
      onCancel={onCancel}
      testId="form-dprdDecision"
      onSubmit={() => void run({ agreementId: agreement.id, decision, decidedOn, reference: reference || null, note: note || null })}
    >
      <Select
        label={t('agreement.form.decision')}
        data={[
          { value: 'APPROVED', label: t('agreement.form.approved') },
          { value: 'RETURNED', label: t('agreement.form.returned') },
        ]}
        value={decision}
        onChange={(v) => v && setDecision(v as 'APPROVED' | 'RETURNED')}
        allowDeselect={false}
        error={errors.fields.decision}
      />
      <Group align="flex-start" wrap="wrap">
        <DayField label={t('agreement.form.decidedOn')} value={decidedOn} onChange={setDecidedOn} error={errors.fields.decidedOn} name="decidedOn" />
        <TextInput label={t('agreement.form.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={errors.fields.reference} name="reference" w={260} />
      </Group>
      <NoteInput value={note} onChange={setNote} error={errors.fields.note} description={decision === 'RETURNED' ? t('agreement.form.returnedNoteHelp') : undefined} />
    </FormFrame>
  );
}

function RenewForm({ agreement, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [signedOn, setSignedOn] = useState(today());
  const [validityMonths, setValidityMonths] = useState<number | string>(60);
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const { run, errors, loading } = useAction(RenewMutation, ['signedOn', 'validityMonths', 'number', 'note'], onDone);
  return (
    <FormFrame
      title={t('agreement.actions.renew')}
      errors={errors}
      loading={loading}
      onCancel={onCancel}
      testId="form-renew"
      onSubmit={() => void run({ agreementId: agreement.id, input: { signedOn, validityMonths: Number(validityMonths) || 0, number: number || null, note: note || null } })}
    >
      <Group align="flex-start" wrap="wrap">
        <DayField label={t('agreement.form.signedOn')} value={signedOn} onChange={setSignedOn} error={errors.fields.signedOn} name="signedOn" />
        <NumberInput label={t('agreement.form.validityMonths')} required value={validityMonths} onChange={setValidityMonths} error={errors.fields.validityMonths} name="validityMonths" allowDecimal={false} w={200} />
        <TextInput label={t('agreement.form.number')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.fields.number} name="number" w={240} />
      </Group>
      <NoteInput value={note} onChange={setNote} error={errors.fields.note} />
    </FormFrame>
  );
}

function TerminateForm({ agreement, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [noticeOn, setNoticeOn] = useState(today());
  const [note, setNote] = useState('');
  const { run, errors, loading } = useAction(TerminateMutation, ['noticeOn', 'note'], onDone);
  return (
    <FormFrame title={t('agreement.actions.terminate')} errors={errors} loading={loading} onCancel={onCancel} testId="form-terminate" onSubmit={() => void run({ agreementId: agreement.id, noticeOn, note: note || null })}>
      <DayField label={t('agreement.form.noticeOn')} value={noticeOn} onChange={setNoticeOn} error={errors.fields.noticeOn} name="noticeOn" />
      <NoteInput value={note} onChange={setNote} error={errors.fields.note} />
    </FormFrame>
  );
}

function CancelForm({ agreement, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const { run, errors, loading } = useAction(CancelMutation, ['note'], onDone);
  return (
    <FormFrame title={t('agreement.actions.cancel')} errors={errors} loading={loading} onCancel={onCancel} testId="form-cancel" onSubmit={() => void run({ agreementId: agreement.id, note })}>
      <Text size="sm">{t('agreement.form.cancelHelp')}</Text>
      <NoteInput value={note} onChange={setNote} error={errors.fields.note} required />
    </FormFrame>
  );
}

export const ACTION_FORMS: Record<ActionKey, (props: FormProps) => ReactNode> = {
  advance: AdvanceForm,
  document: DocumentForm,
  presentation: PresentationForm,
  actionPlan: ActionPlanForm,
  dprdDecision: DprdDecisionForm,
  renew: RenewForm,
  terminate: TerminateForm,
  cancel: CancelForm,
};
