/** Shown by screens whose server is not configured in the active profile. */
export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <section className="empty-state">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
