import { useMutation } from '@apollo/client/react';
import { Button, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceStatus, MeetingPanelMeetingFragment } from '../../gql/graphql';
import type { SessionUser } from '../../auth/session';
import { attendanceOpen, ATTENDANCE_STATUSES, canRecordAttendance } from './permissions';
import { RecordAttendanceMutation } from './queries';
import { useMeetingFailure } from './useMeetingFailure';

type Line = MeetingPanelMeetingFragment['attendance'][number];

export function inviteeName(line: Line): string {
  if (line.opd) return `${line.opd.code} — ${line.opd.name}`;
  return [line.personName, line.personOffice].filter(Boolean).join(', ');
}

/**
 * The invitees and whether they came. A line the signed-in user may record (officers: any; an OPD
 * editor: its own OPD's) is a choice that saves at once; "represented" asks who came, then saves.
 */
export function AttendanceList({ meeting, me }: { meeting: MeetingPanelMeetingFragment; me: SessionUser }) {
  const { t } = useTranslation();
  const open = attendanceOpen(meeting.state);
  return (
    <Stack gap="xs" component="section" aria-labelledby="meeting-attendance-heading">
      <Title order={4} size="h6" id="meeting-attendance-heading">
        {t('meeting.attendance.heading')}
      </Title>
      {meeting.attendance.length === 0 ? (
        <Text size="sm">{t('meeting.attendance.empty')}</Text>
      ) : (
        <Table verticalSpacing={6} horizontalSpacing="xs" data-testid="meeting-attendance">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('meeting.attendance.invitee')}</Table.Th>
              <Table.Th w={230}>{t('meeting.attendance.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {meeting.attendance.map((line) => (
              <AttendanceRow key={line.id} line={line} editable={open && canRecordAttendance(me, line)} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && me.role === 'OPD_EDITOR' && (
        <Text size="xs" c="dimmed">
          {t('meeting.attendance.ownOnly')}
        </Text>
      )}
    </Stack>
  );
}

function AttendanceRow({ line, editable }: { line: Line; editable: boolean }) {
  const { t } = useTranslation();
  const fail = useMeetingFailure();
  const name = inviteeName(line);
  const [record, { loading }] = useMutation(RecordAttendanceMutation);
  const [chosen, setChosen] = useState<AttendanceStatus>(line.status);
  const [representedBy, setRepresentedBy] = useState(line.representedBy ?? '');
  // Someone else's record (pushed by meetingUpdated) replaces what this row shows, unless it is being filled in.
  const [seen, setSeen] = useState({ status: line.status, representedBy: line.representedBy });
  if (seen.status !== line.status || seen.representedBy !== line.representedBy) {
    setSeen({ status: line.status, representedBy: line.representedBy });
    setChosen(line.status);
    setRepresentedBy(line.representedBy ?? '');
  }

  const save = async (status: AttendanceStatus, by: string | null) => {
    try {
      await record({ variables: { id: line.id, status, representedBy: by } });
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('meeting.attendance.saved', { name: line.opd?.code ?? name }), autoClose: 2500 });
    } catch (error) {
      setChosen(line.status);
      fail(error);
    }
  };

  // The representative as recorded: nothing left to save.
  const saved = chosen === line.status && representedBy.trim() === (line.representedBy ?? '');
  const shown = line.status === 'REPRESENTED' && line.representedBy ? t('meeting.attendance.representedText', { name: line.representedBy }) : t(`meeting.attendance.${line.status}`);
  return (
    <Table.Tr data-testid="attendance-line" data-opd={line.opd?.code ?? ''} data-status={line.status}>
      <Table.Td>
        <Text size="sm">{name}</Text>
      </Table.Td>
      <Table.Td>
        {editable ? (
          <Stack gap={4}>
            <NativeSelect
              size="xs"
              aria-label={t('meeting.attendance.label', { name })}
              value={chosen}
              disabled={loading}
              data={ATTENDANCE_STATUSES.map((status) => ({ value: status, label: t(`meeting.attendance.${status}`) }))}
              onChange={(event) => {
                const status = event.currentTarget.value as AttendanceStatus;
                setChosen(status);
                if (status !== 'REPRESENTED') void save(status, null);
              }}
            />
            {chosen === 'REPRESENTED' && (
              <>
                <TextInput
                  size="xs"
                  aria-label={t('meeting.attendance.representedByFor', { name })}
                  placeholder={t('meeting.attendance.representedBy')}
                  value={representedBy}
                  maxLength={200}
                  onChange={(event) => setRepresentedBy(event.currentTarget.value)}
                />
                {saved ? null : representedBy.trim() ? (
                  <Button size="xs" loading={loading} onClick={() => void save('REPRESENTED', representedBy.trim())} aria-label={`${t('meeting.attendance.save')}: ${name}`}>
                    {t('common.save')}
                  </Button>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('meeting.attendance.needsName')}
                  </Text>
                )}
              </>
            )}
          </Stack>
        ) : (
          <Text size="sm" data-testid="attendance-status">
            {shown}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
