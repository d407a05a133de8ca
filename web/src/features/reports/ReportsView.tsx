import './print.css';
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { READABLE_ALERT } from '../common/errors';
import { useSession } from '../../auth/AuthProvider';
import { BarCard } from '../common/charts';
import { BlockSkeleton } from '../common/PageSkeleton';
import { QueryError } from '../common/QueryError';
import { DayInput } from '../common/DayInput';
import { countryName, formatDate, STATUSES } from '../common/format';
import { downloadReport, type DownloadFilter } from './download';
import { ReportsPageQuery } from './queries';

function days(value: number | null | undefined, t: (key: string, options?: Record<string, unknown>) => string) {
  return value === null || value === undefined ? '–' : t('reports.days', { count: Math.round(value * 10) / 10 });
}

/**
 * The cooperation report: per country, per OPD, pipeline timing, charts, the CSV/XLSX downloads of
 * the same filter, and a print layout (print.css) to hand to the DPRD.
 */
export function ReportsView() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [country, setCountry] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [downloading, setDownloading] = useState<'csv' | 'xlsx' | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const filter: DownloadFilter = { ...(country ? { countryCodes: [country] } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const { data, previousData, error, refetch } = useQuery(ReportsPageQuery, { variables: { filter } });
  const shown = data ?? previousData;
  const r = shown?.cooperationReport;

  const download = async (format: 'csv' | 'xlsx') => {
    setDownloading(format);
    setDownloadError(null);
    try {
      await downloadReport(session.token, format, filter);
    } catch (failure) {
      setDownloadError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setDownloading(null);
    }
  };

  const byStatus = new Map(r?.totals.agreementsByStatus.map((s) => [s.status, s.count]) ?? []);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2}>{t('reports.title')}</Title>
        <Group gap="xs" className="no-print">
          <Button variant="outline" onClick={() => void download('csv')} loading={downloading === 'csv'} data-testid="download-csv">
            {t('reports.downloadCsv')}
          </Button>
          <Button variant="outline" onClick={() => void download('xlsx')} loading={downloading === 'xlsx'} data-testid="download-xlsx">
            {t('reports.downloadXlsx')}
          </Button>
          <Button onClick={() => window.print()}>{t('reports.print')}</Button>
        </Group>
      </Group>
      <Text className="print-only">{t('reports.printHeading', { asOf: formatDate(r?.asOf) })}</Text>
      {downloadError && (
        <Alert color="red" role="alert" className="no-print" styles={READABLE_ALERT} title={t('reports.downloadFailed')}>
          {downloadError}
        </Alert>
      )}
      <Paper withBorder p="md" className="no-print">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('dashboard.table.country')}
            placeholder={t('dashboard.table.all')}
            clearable
            searchable
            data={(shown?.countries ?? []).map((c) => ({ value: c.code, label: countryName(c) }))}
            value={country}
            onChange={setCountry}
            w={220}
          />
          <DayInput label={t('reports.from')} value={from} onChange={setFrom} w={190} data-testid="report-from" />
          <DayInput label={t('reports.to')} value={to} onChange={setTo} w={190} data-testid="report-to" />
          <Text size="xs" c="dimmed" maw={320}>
            {t('reports.dateHelp')}
          </Text>
        </Group>
      </Paper>
      {error && <QueryError error={error} onRetry={() => void refetch()} />}
      {!r ? (
        <>
          <BlockSkeleton height={90} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <BlockSkeleton height={320} />
            <BlockSkeleton height={320} />
          </SimpleGrid>
          <BlockSkeleton height={200} />
        </>
      ) : (
        <>
          <Paper withBorder p="md" className="report-section">
            <Title order={3} size="h4" mb="xs">
              {t('reports.summary', { asOf: formatDate(r.asOf) })}
            </Title>
            <Text data-testid="report-summary">
              {t('reports.summaryText', {
                agreements: r.totals.agreements,
                countries: r.totals.countries,
                cities: r.totals.partnerCities,
                inForce: r.totals.mousInForce,
                expiring: r.totals.mousExpiring,
                until: formatDate(r.expiringUntil),
              })}
            </Text>
          </Paper>
          <SimpleGrid cols={{ base: 1, md: 2 }} className="report-charts">
            <BarCard title={t('dashboard.perCountry')} data={r.countries.map((c) => ({ label: countryName(c.country), value: c.agreements }))} emptyText={t('dashboard.noData')} testId="report-chart-countries" horizontal />
            <BarCard
              title={t('dashboard.pipeline')}
              data={STATUSES.map((s) => ({ label: t(`status.${s}`), value: byStatus.get(s) ?? 0 }))}
              emptyText={t('dashboard.noData')}
              testId="report-chart-pipeline"
            />
          </SimpleGrid>

          <Paper withBorder p="md" className="report-section">
            <Title order={3} size="h4" mb="xs">
              {t('reports.perCountry')}
            </Title>
            <Table.ScrollContainer minWidth={640}>
              <Table striped data-testid="report-countries">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('reports.country')}</Table.Th>
                    <Table.Th ta="right">{t('reports.agreements')}</Table.Th>
                    <Table.Th ta="right">{t('reports.partnerCities')}</Table.Th>
                    <Table.Th ta="right">{t('reports.mousInForce')}</Table.Th>
                    <Table.Th ta="right">{t('reports.mousExpiring')}</Table.Th>
                    <Table.Th ta="right">{t('reports.liveActivities')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.countries.map((c) => (
                    <Table.Tr key={c.country.code} data-testid={`report-country-${c.country.code}`}>
                      <Table.Td>{countryName(c.country)}</Table.Td>
                      <Table.Td ta="right">{c.agreements}</Table.Td>
                      <Table.Td ta="right">{c.partnerCities}</Table.Td>
                      <Table.Td ta="right">{c.mousInForce}</Table.Td>
                      <Table.Td ta="right">{c.mousExpiring}</Table.Td>
                      <Table.Td ta="right">{c.liveActivities}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr fw={700}>
                    <Table.Td>{t('reports.total')}</Table.Td>
                    <Table.Td ta="right">{r.totals.agreements}</Table.Td>
                    <Table.Td ta="right">{r.totals.partnerCities}</Table.Td>
                    <Table.Td ta="right">{r.totals.mousInForce}</Table.Td>
                    <Table.Td ta="right">{r.totals.mousExpiring}</Table.Td>
                    <Table.Td ta="right">{r.totals.liveActivities}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>

          <Paper withBorder p="md" className="report-section">
            <Title order={3} size="h4" mb="xs">
              {t('reports.perOpd')}
            </Title>
            {r.opds.length === 0 ? (
              <Text>{t('dashboard.opds.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table striped data-testid="report-opds">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('dashboard.opds.opd')}</Table.Th>
                      <Table.Th ta="right">{t('reports.agreements')}</Table.Th>
                      <Table.Th ta="right">{t('dashboard.opds.proposed')}</Table.Th>
                      <Table.Th ta="right">{t('dashboard.opds.accepted')}</Table.Th>
                      <Table.Th ta="right">{t('reports.liveActivities')}</Table.Th>
                      <Table.Th ta="right">{t('reports.removedActivities')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.opds.map((o) => (
                      <Table.Tr key={o.opd.id}>
                        <Table.Td>
                          {o.opd.code} – {o.opd.name}
                        </Table.Td>
                        <Table.Td ta="right">{o.agreements}</Table.Td>
                        <Table.Td ta="right">{o.proposedActivities}</Table.Td>
                        <Table.Td ta="right">{o.acceptedActivities}</Table.Td>
                        <Table.Td ta="right">{o.liveActivities}</Table.Td>
                        <Table.Td ta="right">{o.removedActivities}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>

          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Paper withBorder p="md" className="report-section">
              <Title order={3} size="h4" mb="xs">
                {t('reports.pipelineTiming')}
              </Title>
              <Table data-testid="report-pipeline">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('reports.stage')}</Table.Th>
                    <Table.Th ta="right">{t('reports.agreements')}</Table.Th>
                    <Table.Th ta="right">{t('reports.median')}</Table.Th>
                    <Table.Th ta="right">{t('reports.longest')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(['loiToDprdApproval', 'loiToMou'] as const).map((stage) => (
                    <Table.Tr key={stage}>
                      <Table.Td>{t(`reports.${stage}`)}</Table.Td>
                      <Table.Td ta="right">{r.pipeline[stage].agreements}</Table.Td>
                      <Table.Td ta="right">{days(r.pipeline[stage].medianDays, t)}</Table.Td>
                      <Table.Td ta="right">{days(r.pipeline[stage].maxDays, t)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder p="md" className="report-section">
              <Title order={3} size="h4" mb="xs">
                {t('reports.expiring', { days: r.expiringWithinDays })}
              </Title>
              {r.expiring.length === 0 ? (
                <Text>{t('dashboard.expiring.none')}</Text>
              ) : (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('reports.partner')}</Table.Th>
                      <Table.Th ta="right">{t('agreement.expiresOn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.expiring.map((e) => (
                      <Table.Tr key={e.agreementId}>
                        <Table.Td>
                          {e.partnerCity}, {countryName(e.country)}
                        </Table.Td>
                        <Table.Td ta="right">
                          {formatDate(e.expiresOn)} ({t('reports.daysLeft', { count: e.daysLeft })})
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
