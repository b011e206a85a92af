import { EmptyState } from '../../components/Placeholder';

export function JourneyScreen() {
  return <EmptyState title="Call journey">Nothing to show yet.</EmptyState>;
}
