import { Alert, Anchor, Badge, Button, Group, Paper, PasswordInput, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../auth/AuthProvider';
import type { AdminUsersQuery as AdminUsersData, Role } from '../../gql/graphql';
import { NO_ERRORS, READABLE_ALERT, formErrors, type FormErrors } from '../common/errors';
import { QueryError } from '../common/QueryError';
import { AdminUsersQuery, CreateUserMutation, DeactivateUserMutation, UpdateUserMutation } from './queries';

const ROLES: Role[] = ['ADMIN', 'OFFICER', 'OPD_EDITOR', 'VIEWER'];
const PAGE_SIZE = 20;
type User = AdminUsersData['users']['nodes'][number];
type Opd = AdminUsersData['opds'][number];

function CreateUserForm({ opds, onCreated }: { opds: Opd[]; onCreated(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('VIEWER');
  const [opdId, setOpdId] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [create, { loading }] = useMutation(CreateUserMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    try {
      await create({ variables: { input: { name, email, password, role, opdId: role === 'OPD_EDITOR' ? opdId : null } } });
      notifications.show({ color: 'green', message: t('admin.created', { name }) });
      setName('');
      setEmail('');
      setPassword('');
      onCreated();
    } catch (error) {
      setErrors(formErrors(error, ['name', 'email', 'password', 'role', 'opdId']));
    }
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby="create-user-title" data-testid="create-user">
      <Title order={3} size="h4" mb="sm" id="create-user-title">
        {t('admin.create')}
      </Title>
      {errors.form && (
        <Alert color="red" role="alert" mb="sm">
          {errors.form}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <TextInput label={t('admin.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.fields.name} />
        <TextInput label={t('admin.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.fields.email} />
        <PasswordInput label={t('admin.password')} description={t('admin.passwordHelp')} required value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.fields.password} autoComplete="new-password" />
        <Select label={t('admin.role')} data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={role} onChange={(v) => v && setRole(v as Role)} allowDeselect={false} error={errors.fields.role} />
        <Select
          label={t('admin.opd')}
          description={t('admin.opdHelp')}
          disabled={role !== 'OPD_EDITOR'}
          data={opds.map((o) => ({ value: o.id, label: `${o.code} – ${o.name}` }))}
          value={role === 'OPD_EDITOR' ? opdId : null}
          onChange={setOpdId}
          error={errors.fields.opdId}
          searchable
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button type="submit" loading={loading}>
          {t('admin.createSubmit')}
        </Button>
      </Group>
    </Paper>
  );
}

function UserRow({ user, opds, self }: { user: User; opds: Opd[]; self: boolean }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(user.role as Role);
  const [opdId, setOpdId] = useState<string | null>(user.opd?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const [update, { loading }] = useMutation(UpdateUserMutation);
  const [deactivate, { loading: deactivating }] = useMutation(DeactivateUserMutation);
  const changed = role !== user.role || (role === 'OPD_EDITOR' && opdId !== (user.opd?.id ?? null));
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      notifications.show({ color: 'green', message: t('admin.saved', { name: user.name }) });
    } catch (failure) {
      const errors = formErrors(failure, []);
      setError(errors.form);
    }
  };
  return (
    <Table.Tr data-testid={`user-${user.email}`}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {user.name}
        </Text>
        <Text size="xs" c="dimmed">
          {user.email}
        </Text>
        {error && (
          <Text size="xs" c="red.9" role="alert">
            {error}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Select aria-label={t('admin.roleOf', { name: user.name })} data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={role} onChange={(v) => v && setRole(v as Role)} allowDeselect={false} w={246} disabled={self} />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('admin.opdOf', { name: user.name })}
          data={opds.map((o) => ({ value: o.id, label: o.code }))}
          value={role === 'OPD_EDITOR' ? opdId : null}
          onChange={setOpdId}
          disabled={role !== 'OPD_EDITOR'}
          placeholder="–"
          w={120}
        />
      </Table.Td>
      <Table.Td>
        <Badge color={user.active ? 'green' : 'gray'} variant="light" c="dark.9" styles={{ label: { overflow: 'visible' } }}>
          {user.active ? t('admin.active') : t('admin.inactive')}
        </Badge>
      </Table.Td>
      <Table.Td>
        {/* The two buttons sit one above the other when the table is narrow (a tablet), not cut off. */}
        <Group gap="xs">
          <Button size="xs" disabled={!changed} loading={loading} onClick={() => void run(() => update({ variables: { id: user.id, input: { role, opdId: role === 'OPD_EDITOR' ? opdId : null } } }))}>
            {t('common.save')}
          </Button>
          {user.active ? (
            <Button size="xs" color="red.9" variant="outline" disabled={self} loading={deactivating} onClick={() => void run(() => deactivate({ variables: { id: user.id } }))}>
              {t('admin.deactivate')}
            </Button>
          ) : (
            <Button size="xs" variant="outline" loading={loading} onClick={() => void run(() => update({ variables: { id: user.id, input: { active: true } } }))}>
              {t('admin.activate')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function Users() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [cursor, setCursor] = useState<{ after?: string; before?: string }>({});
  const variables = cursor.before ? { last: PAGE_SIZE, before: cursor.before } : { first: PAGE_SIZE, after: cursor.after };
  const { data, error, refetch } = useQuery(AdminUsersQuery, { variables });
  const connection = data?.users;
  return (
    <Stack gap="md">
      <Title order={2}>{t('pages.admin')}</Title>
      {error && <QueryError error={error} onRetry={() => void refetch()} />}
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('admin.users')}
        </Title>
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.user')}</Table.Th>
                <Table.Th>{t('admin.role')}</Table.Th>
                <Table.Th>{t('admin.opd')}</Table.Th>
                <Table.Th>{t('admin.status')}</Table.Th>
                <Table.Th>{t('admin.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!connection &&
                Array.from({ length: 5 }, (_, i) => (
                  <Table.Tr key={i}>
                    {Array.from({ length: 5 }, (__, j) => (
                      <Table.Td key={j}>
                        {/* The height of the row's inputs, so the rows below do not move when users arrive. */}
                        <Skeleton height={36} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              {connection?.nodes.map((user) => (
                // Keyed by role and OPD too: a saved change resets the row's draft to what the server has.
                <UserRow key={`${user.id}:${user.role}:${user.opd?.id ?? ''}`} user={user} opds={data!.opds} self={user.id === session.user.id} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between" mt="sm">
          <Text size="sm">{connection ? t('admin.total', { count: connection.totalCount }) : ' '}</Text>
          <Group gap="xs">
            <Button variant="default" size="xs" disabled={!connection?.pageInfo.hasPreviousPage || !connection.pageInfo.startCursor} onClick={() => setCursor({ before: connection!.pageInfo.startCursor! })}>
              {t('dashboard.table.previous')}
            </Button>
            <Button variant="default" size="xs" disabled={!connection?.pageInfo.hasNextPage || !connection.pageInfo.endCursor} onClick={() => setCursor({ after: connection!.pageInfo.endCursor! })}>
              {t('dashboard.table.next')}
            </Button>
          </Group>
        </Group>
      </Paper>
      <CreateUserForm opds={data?.opds ?? []} onCreated={() => void refetch()} />
    </Stack>
  );
}

/** Administration: admins only. Others never see the menu item and get a plain "not allowed" page here. */
export function AdminView() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (session.user.role !== 'ADMIN') {
    return (
      <Stack>
        <Title order={2}>{t('pages.admin')}</Title>
        <Alert color="orange" styles={READABLE_ALERT} title={t('admin.notAllowedTitle')} data-testid="not-allowed">
          <Text size="sm">{t('admin.notAllowed', { role: t(`roles.${session.user.role}`) })}</Text>
          <Anchor component={Link} to="/" size="sm">
            {t('common.backToDashboard')}
          </Anchor>
        </Alert>
      </Stack>
    );
  }
  return <Users />;
}
