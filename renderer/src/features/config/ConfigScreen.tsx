import { EmptyState } from '../../components/Placeholder';

export function ConfigScreen() {
  return <EmptyState title="Configuration">Nothing to show yet.</EmptyState>;
}
