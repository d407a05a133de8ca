import { Anchor, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BarCard } from '../common/charts';
import { BlockSkeleton } from '../common/PageSkeleton';
import { QueryError } from '../common/QueryError';
import { countryName, formatDate, STATUSES } from '../common/format';
import { AgreementsTable } from './AgreementsTable';
import { DashboardExpiringQuery, DashboardReportQuery } from './queries';

function Stat({ label, value, testId }: { label: string; value: number | undefined; testId: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {/* The figure's own line under the skeleton: the card keeps its height when the number arrives. */}
      <Skeleton visible={value === undefined} width={value === undefined ? 60 : undefined}>
        <Text fz={28} fw={700} data-testid={value === undefined ? undefined : testId}>
          {value ?? 0}
        </Text>
      </Skeleton>
    </Paper>
  );
}

/**
 * The dashboard: the figures and charts come from `cooperationReport` (the same numbers as the
 * Reports page and the downloads), the table from the `agreements` connection.
 */
export function Dashboard() {
  const { t } = useTranslation();
  const report = useQuery(DashboardReportQuery);
  const expiring = useQuery(DashboardExpiringQuery);
  const r = report.data?.cooperationReport;
  const byStatus = new Map(r?.totals.agreementsByStatus.map((s) => [s.status, s.count]) ?? []);
  const pipeline = STATUSES.map((s) => ({ status: s, label: t(`status.${s}`), value: byStatus.get(s) ?? 0 }));

  return (
    <Stack gap="md">
      <Title order={2}>{t('pages.dashboard')}</Title>
      {report.error && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        <Stat label={t('dashboard.stats.agreements')} value={r?.totals.agreements} testId="stat-agreements" />
        <Stat label={t('dashboard.stats.countries')} value={r?.totals.countries} testId="stat-countries" />
        <Stat label={t('dashboard.stats.partnerCities')} value={r?.totals.partnerCities} testId="stat-partnerCities" />
        <Stat label={t('dashboard.stats.mousInForce')} value={r?.totals.mousInForce} testId="stat-mousInForce" />
        <Stat label={t('dashboard.stats.mousExpiring', { days: r?.expiringWithinDays ?? 180 })} value={r?.totals.mousExpiring} testId="stat-mousExpiring" />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <BarCard title={t('dashboard.pipeline')} data={r && pipeline} emptyText={t('dashboard.noData')} testId="chart-pipeline" />
        <BarCard
          title={t('dashboard.perCountry')}
          data={r?.countries.map((c) => ({ label: countryName(c.country), value: c.agreements }))}
          emptyText={t('dashboard.noData')}
          testId="chart-countries"
          horizontal
        />
      </SimpleGrid>

      {/* The stages' names are known before the figures: the badges take their place at once. */}
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {t('dashboard.pipelineTable')}
        </Title>
        <Group gap="xs">
          {pipeline.map((p) => (
            <Skeleton key={p.status} visible={!r} width="auto" radius="xl">
              <Badge variant="outline" color="dark" size="lg" tt="none" data-testid={r ? `pipeline-${p.status}` : undefined} data-count={p.value}>
                {p.label}: {p.value}
              </Badge>
            </Skeleton>
          ))}
        </Group>
      </Paper>

      <AgreementsTable countries={report.data?.countries ?? []} />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            {t('dashboard.expiring.title')}
          </Title>
          {expiring.error && <QueryError error={expiring.error} onRetry={() => void expiring.refetch()} />}
          {!expiring.data && !expiring.error && <BlockSkeleton height={28} count={3} />}
          {expiring.data?.expiringAgreements.nodes.length === 0 && <Text c="dimmed">{t('dashboard.expiring.none')}</Text>}
          <Stack gap="xs" data-testid="expiring-list">
            {expiring.data?.expiringAgreements.nodes.map((a) => (
              <Group key={a.id} justify="space-between" wrap="nowrap" gap="sm">
                <Anchor component={Link} to={`/perjanjian/${encodeURIComponent(a.id)}`} size="sm">
                  {a.partnerCity.name}, {countryName(a.partnerCity.country)}
                </Anchor>
                <Text size="sm" fw={600}>
                  {formatDate(a.expiresOn)}
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            {t('dashboard.opds.title')}
          </Title>
          {!r ? (
            <BlockSkeleton height={28} count={3} />
          ) : r.opds.length === 0 ? (
            <Text c="dimmed">{t('dashboard.opds.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={420}>
              <Table data-testid="opd-table" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.opds.opd')}</Table.Th>
                    <Table.Th ta="right">{t('dashboard.opds.proposed')}</Table.Th>
                    <Table.Th ta="right">{t('dashboard.opds.accepted')}</Table.Th>
                    <Table.Th ta="right">{t('dashboard.opds.agreements')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.opds.map((o) => (
                    <Table.Tr key={o.opd.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {o.opd.code}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {o.opd.name}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{o.proposedActivities}</Table.Td>
                      <Table.Td ta="right">{o.acceptedActivities}</Table.Td>
                      <Table.Td ta="right">{o.agreements}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
