/**
 * The options of a select over UCCX objects (teams, skills, resource groups):
 * the id as value, the name as text. The names are UCCX's, shown as sent in
 * every language (`translate="no"`).
 */
export function NamedOptions({ items }: { items: ReadonlyArray<{ id: string; name: string }> }) {
  return (
    <>
      {items.map((item) => (
        <option key={item.id} value={item.id} translate="no">
          {item.name}
        </option>
      ))}
    </>
  );
}
