import { EmptyState } from '../../../components/Placeholder';

export function CupiEditors() {
  return <EmptyState title="Unity Connection">Nothing to show yet.</EmptyState>;
}
