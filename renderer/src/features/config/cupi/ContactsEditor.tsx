import { CONTACT_FIELDS } from '../../../../../shared/domain/cupi-fields';
import { CreateForm, ObjectDetail } from './ObjectDetail';
import { ServerListDetail } from './ServerListDetail';

export function ContactsEditor({ readOnly }: { readOnly: boolean }) {
  return (
    <ServerListDetail
      type="contact"
      label="contacts"
      newLabel="New contact"
      readOnly={readOnly}
      renderNew={(done) => <CreateForm type="contact" title="New contact" fields={CONTACT_FIELDS} readOnly={readOnly} done={done} />}
      renderDetail={(id, afterWrite) => <ObjectDetail key={id} type="contact" objectId={id} fields={CONTACT_FIELDS} readOnly={readOnly} afterWrite={afterWrite} deletion={() => ({})} />}
    />
  );
}
