import { Skeleton, Stack } from '@mantine/core';

/** Placeholders with the height of what loads, so the page does not jump when data arrives. */
export function BlockSkeleton({ height = 120, count = 1 }: { height?: number; count?: number }) {
  return (
    <Stack gap="sm" aria-hidden>
      {Array.from({ length: count }, (_, i) => (
        <Skeleton key={i} height={height} radius="md" />
      ))}
    </Stack>
  );
}
