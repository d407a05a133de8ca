import { Paper, Skeleton, Text, Title } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartDatum {
  label: string;
  value: number;
}

/**
 * A labelled bar chart in a card of fixed height (no jump while it draws). The figures are also
 * in a table next to it (the chart is an image for screen readers, described by its title).
 * Without data yet (undefined) the same card holds a skeleton of the chart's height.
 */
export function BarCard({ title, data, emptyText, testId, horizontal = false }: { title: string; data: ChartDatum[] | undefined; emptyText: string; testId: string; horizontal?: boolean }) {
  const height = horizontal ? Math.max(220, (data?.length ?? 0) * 34 + 40) : 260;
  return (
    <Paper withBorder p="md" data-testid={data ? testId : undefined}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {!data ? (
        <Skeleton height={height} radius="md" aria-hidden />
      ) : data.length === 0 ? (
        <Text c="dimmed">{emptyText}</Text>
      ) : (
        <div role="img" aria-label={`${title}: ${data.map((d) => `${d.label} ${d.value}`).join(', ')}`} style={{ width: '100%', height }}>
          <ResponsiveContainer width="100%" height="100%">
            {horizontal ? (
              <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={{ fill: '#343a40', fontSize: 12 }} />
                <YAxis type="category" dataKey="label" width={150} tick={{ fill: '#343a40', fontSize: 12 }} />
                <Tooltip />
                <Bar dataKey="value" name={title} fill="#3b5bdb" isAnimationActive={false} />
              </BarChart>
            ) : (
              <BarChart data={data} margin={{ left: 0, right: 8, top: 4, bottom: 48 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" interval={0} angle={-30} textAnchor="end" height={70} tick={{ fill: '#343a40', fontSize: 11 }} />
                <YAxis allowDecimals={false} tick={{ fill: '#343a40', fontSize: 12 }} />
                <Tooltip />
                <Bar dataKey="value" name={title} fill="#3b5bdb" isAnimationActive={false} />
              </BarChart>
            )}
          </ResponsiveContainer>
        </div>
      )}
    </Paper>
  );
}
