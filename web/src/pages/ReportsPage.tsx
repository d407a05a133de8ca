import { ReportsView } from '../features/reports/ReportsView';

export function ReportsPage() {
  return <ReportsView />;
}
