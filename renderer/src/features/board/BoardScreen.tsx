import { EmptyState } from '../../components/Placeholder';

export function BoardScreen() {
  return <EmptyState title="Team board">Nothing to show yet.</EmptyState>;
}
