import { AdminView } from '../features/admin/AdminView';

export function AdminPage() {
  return <AdminView />;
}
