import { Dashboard } from '../features/dashboard/Dashboard';

export function DashboardPage() {
  return <Dashboard />;
}
