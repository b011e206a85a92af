import { EmptyState } from '../../components/Placeholder';

export function PendingScreen() {
  return <EmptyState title="Pending changes">Nothing to show yet.</EmptyState>;
}
