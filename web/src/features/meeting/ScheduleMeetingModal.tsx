import { useMutation } from '@apollo/client/react';
import { Alert, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../common/DayInput';
import { formErrors, NO_ERRORS, READABLE_ALERT, type FormErrors } from '../common/errors';
import { ScheduleMeetingMutation } from './queries';

const FORM_FIELDS = ['title', 'heldOn', 'startTime', 'place', 'chairName', 'chairOffice', 'agenda', 'invitedOpdIds'] as const;

/** A typed time as the API takes it (HH:MM): "9.00", "09.00" and "09:00" are all nine o'clock; '' is none; undefined: not a time. */
export function typedTime(text: string): string | null | undefined {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const match = /^([01]?\d|2[0-3])[.:]([0-5]\d)$/.exec(trimmed);
  return match ? `${match[1].padStart(2, '0')}:${match[2]}` : undefined;
}

interface Props {
  agreementId: string;
  opened: boolean;
  opds: { id: string; code: string; name: string }[];
  /** The OPDs invited unless the officer changes it: those with activities on the board. */
  defaultOpdIds: string[];
  onClose(): void;
  onScheduled(): void;
}

/**
 * Schedules a drafting meeting: day, time and place, the chair, the agenda (one item a line) and the
 * invited OPDs. The usual Denpasar values (the Asisten III in the Ruang Praja Utama) are filled in.
 */
export function ScheduleMeetingModal({ agreementId, opened, opds, defaultOpdIds, onClose, onScheduled }: Props) {
  const { t } = useTranslation();
  const [schedule, { loading }] = useMutation(ScheduleMeetingMutation);
  const [values, setValues] = useState({
    title: t('meeting.form.defaultTitle'),
    heldOn: '',
    startTime: '09.00',
    place: t('meeting.form.defaultPlace'),
    chairName: '',
    chairOffice: t('meeting.form.defaultChairOffice'),
    agenda: '',
  });
  const [invited, setInvited] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const set = (field: keyof typeof values) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    // A corrected field stops showing its old error.
    setErrors((current) => (current.fields[field] ? { ...current, fields: { ...current.fields, [field]: '' } } : current));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const startTime = typedTime(values.startTime);
    const missing: Record<string, string> = {};
    for (const field of ['title', 'place', 'chairOffice'] as const) {
      if (!values[field].trim()) missing[field] = t('meeting.form.required', { label: t(`meeting.form.${field === 'title' ? 'meetingTitle' : field}`) });
    }
    if (!values.heldOn) missing.heldOn = t('meeting.form.heldOnRequired');
    if (startTime === undefined) missing.startTime = t('meeting.form.startTimeInvalid');
    if (Object.keys(missing).length) {
      setErrors({ ...NO_ERRORS, fields: missing });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      await schedule({
        variables: {
          input: {
            agreementId,
            title: values.title,
            heldOn: values.heldOn,
            startTime,
            place: values.place,
            chairName: values.chairName.trim() || null,
            chairOffice: values.chairOffice,
            agenda: values.agenda
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
            invitedOpdIds: invited ?? defaultOpdIds,
          },
        },
      });
      onScheduled();
    } catch (error) {
      setErrors(formErrors(error, FORM_FIELDS));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('meeting.form.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {errors.form && (
            <Alert color="red" role="alert" styles={READABLE_ALERT}>
              {errors.form}
            </Alert>
          )}
          <TextInput label={t('meeting.form.meetingTitle')} required maxLength={300} value={values.title} onChange={(e) => set('title')(e.currentTarget.value)} error={errors.fields.title} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DayInput label={t('meeting.form.heldOn')} required value={values.heldOn} onChange={set('heldOn')} error={errors.fields.heldOn} />
            <TextInput label={t('meeting.form.startTime')} description={t('meeting.form.startTimeHint')} maxLength={5} value={values.startTime} onChange={(e) => set('startTime')(e.currentTarget.value)} error={errors.fields.startTime} />
          </SimpleGrid>
          <TextInput label={t('meeting.form.place')} required maxLength={300} value={values.place} onChange={(e) => set('place')(e.currentTarget.value)} error={errors.fields.place} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('meeting.form.chairName')} maxLength={200} value={values.chairName} onChange={(e) => set('chairName')(e.currentTarget.value)} error={errors.fields.chairName} />
            <TextInput label={t('meeting.form.chairOffice')} required maxLength={200} value={values.chairOffice} onChange={(e) => set('chairOffice')(e.currentTarget.value)} error={errors.fields.chairOffice} />
          </SimpleGrid>
          <Textarea label={t('meeting.form.agenda')} autosize minRows={3} value={values.agenda} onChange={(e) => set('agenda')(e.currentTarget.value)} error={errors.fields.agenda} />
          <Checkbox.Group label={t('meeting.form.opds')} value={invited ?? defaultOpdIds} onChange={setInvited} error={errors.fields.invitedOpdIds}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
              {opds.map((opd) => (
                <Checkbox key={opd.id} value={opd.id} label={`${opd.code} — ${opd.name}`} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading}>
              {t('meeting.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
