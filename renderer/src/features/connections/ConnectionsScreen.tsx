import { EmptyState } from '../../components/Placeholder';

export function ConnectionsScreen() {
  return <EmptyState title="Connections">Nothing to show yet.</EmptyState>;
}
