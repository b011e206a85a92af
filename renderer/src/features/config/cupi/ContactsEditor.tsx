import { CONTACT_FIELDS, CreateForm, DetailHeader, MasterDetail, ObjectFields, deleteObject, labelOf, useDetail } from './editors';

export function ContactsEditor({ readOnly }: { readOnly: boolean }) {
  return (
    <MasterDetail
      type="contact"
      label="contacts"
      newLabel="New contact"
      readOnly={readOnly}
      describe={(c) => [c.Alias ?? '', c.DisplayName ?? '', c.DtmfAccessId ?? '']}
      renderNew={(done) => <CreateForm type="contact" title="New contact" fields={CONTACT_FIELDS} readOnly={readOnly} done={done} />}
      renderDetail={(id, afterWrite) => <ContactDetail key={id} objectId={id} readOnly={readOnly} afterWrite={afterWrite} />}
    />
  );
}

function ContactDetail({ objectId, readOnly, afterWrite }: { objectId: string; readOnly: boolean; afterWrite: (gone?: boolean) => void }) {
  const { detail, error, reload } = useDetail('contact', objectId);
  if (error) return <p className="banner banner-error">⚠ {error}</p>;
  if (!detail) return <p className="muted">Loading…</p>;
  return (
    <div>
      <DetailHeader title={labelOf('contact', detail.fields)} detail={detail} readOnly={readOnly} onDelete={() => deleteObject('contact', detail, afterWrite)} />
      <ObjectFields
        type="contact"
        detail={detail}
        fields={CONTACT_FIELDS}
        readOnly={readOnly}
        afterWrite={() => {
          reload();
          afterWrite();
        }}
      />
    </div>
  );
}
