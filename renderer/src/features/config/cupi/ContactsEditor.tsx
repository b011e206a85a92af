import { CONTACT_FIELDS } from '../../../../../shared/domain/cupi-fields';
import { CreateForm, ObjectDetail } from './ObjectDetail';
import { ServerListDetail } from './ServerListDetail';
import { useT } from '../../../i18n/i18n';

export function ContactsEditor({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  return (
    <ServerListDetail
      type="contact"
      label={t('cupi.contacts.label')}
      newLabel={t('cupi.contacts.new')}
      readOnly={readOnly}
      renderNew={(done) => <CreateForm type="contact" title={t('cupi.contacts.new')} fields={CONTACT_FIELDS} readOnly={readOnly} done={done} />}
      renderDetail={(id, afterWrite) => <ObjectDetail key={id} type="contact" objectId={id} fields={CONTACT_FIELDS} readOnly={readOnly} afterWrite={afterWrite} deletion={() => ({})} />}
    />
  );
}
