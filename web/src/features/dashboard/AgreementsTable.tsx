import { Anchor, Button, Group, Paper, Select, Skeleton, Table, Text, TextInput, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgreementOrderField, AgreementStatus, CooperationField, OrderDirection } from '../../gql/graphql';
import { QueryError } from '../common/QueryError';
import { countryName, FIELDS, formatDate, STATUSES } from '../common/format';
import { StatusBadge } from '../common/StatusBadge';
import { DashboardAgreementsQuery } from './queries';

const PAGE_SIZE = 10;

/** Where the table is in its keyset pages: forward after a cursor, or backward before one. */
type Cursor = { after?: string; before?: string };

/**
 * The agreements as a table: filters (status, country, field, search) and the order go to the
 * `agreements` connection itself, so the server sorts and pages (keyset cursors, not offsets).
 */
export function AgreementsTable({ countries }: { countries: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [country, setCountry] = useState<string | null>(null);
  const [field, setField] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [order, setOrder] = useState<{ field: AgreementOrderField; direction: OrderDirection }>({ field: 'TITLE', direction: 'ASC' });
  const [cursor, setCursor] = useState<Cursor>({});

  const filter = {
    ...(status ? { statuses: [status as AgreementStatus] } : {}),
    ...(country ? { countryCodes: [country] } : {}),
    ...(field ? { fields: [field as CooperationField] } : {}),
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
  };
  const variables = cursor.before ? { last: PAGE_SIZE, before: cursor.before, filter, orderBy: order } : { first: PAGE_SIZE, after: cursor.after, filter, orderBy: order };
  const { data, previousData, loading, error, refetch } = useQuery(DashboardAgreementsQuery, { variables });
  const shown = data ?? previousData;
  const connection = shown?.agreements;

  // Any change of filter or order starts again at the first page.
  const reset = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setCursor({});
  };
  const sortBy = (fieldName: AgreementOrderField) => {
    setOrder((current) => ({ field: fieldName, direction: current.field === fieldName && current.direction === 'ASC' ? 'DESC' : 'ASC' }));
    setCursor({});
  };
  const sortHeader = (fieldName: AgreementOrderField, label: string) => {
    const active = order.field === fieldName;
    return (
      <Table.Th aria-sort={active ? (order.direction === 'ASC' ? 'ascending' : 'descending') : 'none'}>
        <UnstyledButton onClick={() => sortBy(fieldName)} fw={700} fz="sm" data-testid={`sort-${fieldName}`}>
          {label} {active ? (order.direction === 'ASC' ? '▲' : '▼') : '↕'}
          <VisuallyHidden>{t('dashboard.table.sortHint')}</VisuallyHidden>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t('dashboard.table.title')}
      </Title>
      <Group gap="sm" align="flex-end" mb="sm" wrap="wrap">
        <TextInput label={t('dashboard.table.search')} placeholder={t('dashboard.table.searchPlaceholder')} value={search} onChange={(e) => reset(setSearch)(e.currentTarget.value)} w={240} />
        <Select
          label={t('dashboard.table.status')}
          placeholder={t('dashboard.table.all')}
          clearable
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={reset(setStatus)}
          w={200}
        />
        <Select
          label={t('dashboard.table.country')}
          placeholder={t('dashboard.table.all')}
          clearable
          searchable
          data={countries.map((c) => ({ value: c.code, label: countryName(c) }))}
          value={country}
          onChange={reset(setCountry)}
          w={200}
        />
        <Select
          label={t('dashboard.table.field')}
          placeholder={t('dashboard.table.all')}
          clearable
          data={FIELDS.map((f) => ({ value: f, label: t(`field.${f}`) }))}
          value={field}
          onChange={reset(setField)}
          w={220}
        />
      </Group>
      {error && <QueryError error={error} onRetry={() => void refetch()} />}
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="agreements-table" aria-busy={loading}>
          <Table.Thead>
            <Table.Tr>
              {sortHeader('TITLE', t('dashboard.table.agreement'))}
              <Table.Th>{t('dashboard.table.partner')}</Table.Th>
              {sortHeader('STATUS', t('dashboard.table.status'))}
              <Table.Th>{t('dashboard.table.fields')}</Table.Th>
              {sortHeader('EXPIRES_ON', t('dashboard.table.expiresOn'))}
              <Table.Th>{t('dashboard.table.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {!connection &&
              Array.from({ length: 5 }, (_, i) => (
                <Table.Tr key={i}>
                  {Array.from({ length: 6 }, (__, j) => (
                    <Table.Td key={j}>
                      <Skeleton height={18} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            {connection?.nodes.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed">{t('dashboard.table.empty')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {connection?.nodes.map((a) => (
              <Table.Tr key={a.id} data-testid="agreement-row">
                <Table.Td>
                  <Anchor component={Link} to={`/perjanjian/${encodeURIComponent(a.id)}`} fw={600}>
                    {a.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {a.partnerCity.name}, {countryName(a.partnerCity.country)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StatusBadge status={a.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{a.fields.map((f) => t(`field.${f}`)).join(', ')}</Text>
                </Table.Td>
                <Table.Td>{formatDate(a.expiresOn)}</Table.Td>
                <Table.Td>{t('dashboard.table.daysInStatus', { count: a.daysInStatus })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" mt="sm">
        <Text size="sm" data-testid="agreements-total">
          {connection ? t('dashboard.table.total', { count: connection.totalCount }) : ' '}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            disabled={!connection?.pageInfo.hasPreviousPage || !connection.pageInfo.startCursor}
            onClick={() => setCursor({ before: connection!.pageInfo.startCursor! })}
          >
            {t('dashboard.table.previous')}
          </Button>
          <Button variant="default" size="xs" disabled={!connection?.pageInfo.hasNextPage || !connection.pageInfo.endCursor} onClick={() => setCursor({ after: connection!.pageInfo.endCursor! })}>
            {t('dashboard.table.next')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
