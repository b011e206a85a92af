import { useEffect, useRef, useState } from 'react';
import { call } from '../../../api/client';
import type { CupiFields, CupiMemberType } from '../../../../../shared/domain/cupi';
import type { CupiDetail } from '../../../../../shared/ipc/areas/cupi';
import { LIST_FIELDS } from '../../../../../shared/domain/cupi-fields';
import { runWrite, SEARCH_DEBOUNCE_MS } from './cupi-hooks';
import { CreateForm, ObjectDetail } from './ObjectDetail';
import { ServerListDetail } from './ServerListDetail';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { useT, type MessageId } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';
import { fieldLabel } from './cupi-words';

export function ListsEditor({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  return (
    <ServerListDetail
      type="distributionlist"
      label={t('cupi.lists.label')}
      newLabel={t('cupi.lists.new')}
      readOnly={readOnly}
      renderNew={(done) => <CreateForm type="distributionlist" title={t('cupi.lists.newTitle')} fields={LIST_FIELDS} readOnly={readOnly} done={done} />}
      renderDetail={(id, afterWrite) => (
        <ObjectDetail key={id} type="distributionlist" objectId={id} fields={LIST_FIELDS} readOnly={readOnly} afterWrite={afterWrite}>
          {(detail, reload) => <ListMembers list={detail} readOnly={readOnly} reload={reload} />}
        </ObjectDetail>
      )}
    />
  );
}

const MEMBER_KINDS: Record<CupiMemberType, MessageId> = { user: 'cupi.lists.members.kind.user', contact: 'cupi.lists.members.kind.contact', distributionlist: 'cupi.lists.members.kind.list' };

const ALLOW_CONTACTS = LIST_FIELDS.find((field) => field.name === 'AllowContacts')!;

function memberKind(member: CupiFields): { type: CupiMemberType; id: string } {
  if (member.MemberContactObjectId) return { type: 'contact', id: member.MemberContactObjectId };
  if (member.MemberDistributionListObjectId) return { type: 'distributionlist', id: member.MemberDistributionListObjectId };
  return { type: 'user', id: member.MemberUserObjectId ?? member.MemberSubscriberObjectId ?? '' };
}

/** The members of a list, each with Remove, then the search to add one. */
function ListMembers({ list, readOnly, reload }: { list: CupiDetail; readOnly: boolean; reload: () => void }) {
  const t = useT();
  const objectId = list.fields.ObjectId!;
  const listName = list.fields.DisplayName ?? list.fields.Alias ?? objectId;
  const members = list.members ?? [];
  // Removing a member is asked for in words first: it cannot be taken back from here without finding them again.
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <>
      <h3 ref={headingRef} tabIndex={-1}>
        {t('cupi.lists.members.heading', { count: members.length })}
      </h3>
      {removing ? (
        <ConfirmPanel
          title={t('cupi.lists.members.removeQuestion', { member: removing.name, list: listName })}
          confirmLabel={t('cupi.lists.members.removeConfirm')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const { id, name } = removing;
            setRemoving(null);
            void runWrite(() => call('cupi:member-remove', { listId: objectId, listName, memberId: id, memberName: name })).then(reload);
          }}
          fallbackFocus={() => headingRef.current}
        >
          <p>
            <Message
              id="cupi.lists.members.removeBody"
              parts={{ member: <strong translate="no">{removing.name}</strong>, list: <strong translate="no">{listName}</strong>, listAgain: <span translate="no">{listName}</span> }}
            />
          </p>
        </ConfirmPanel>
      ) : null}
      {members.length === 0 ? (
        <p className="muted">{t('cupi.lists.members.empty')}</p>
      ) : (
        <table className="data cupi-members">
          <thead>
            <tr>
              <th scope="col">{t('cupi.lists.members.column.kind')}</th>
              <th scope="col">{t('cupi.lists.members.column.alias')}</th>
              <th scope="col">{t('cupi.lists.members.column.name')}</th>
              <th scope="col">{t('cupi.lists.members.column.extension')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('cupi.lists.members.column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const { type, id } = memberKind(member);
              const name = member.DisplayName ?? member.Alias ?? id;
              return (
                <tr key={member.ObjectId ?? id}>
                  <td>{t(MEMBER_KINDS[type])}</td>
                  <td translate="no">{member.Alias}</td>
                  <td translate="no">{member.DisplayName}</td>
                  <td translate="no">{member.Extension}</td>
                  <td>
                    <button
                      type="button"
                      disabled={readOnly}
                      aria-label={t('cupi.lists.members.removeLabel', { member: name, list: listName })}
                      onClick={() => setRemoving({ id, name })}
                    >
                      {t('cupi.lists.members.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <AddMember list={list} listName={listName} readOnly={readOnly} afterWrite={reload} />
    </>
  );
}

/** Find a user, contact or list by alias (server-side "starts with") and add it. */
function AddMember({ list, listName, readOnly, afterWrite }: { list: CupiDetail; listName: string; readOnly: boolean; afterWrite: () => void }) {
  const t = useT();
  const [type, setType] = useState<CupiMemberType>('user');
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<CupiFields[]>([]);
  const listId = list.fields.ObjectId!;
  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setMatches([]);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      call('cupi:search', { type, column: 'Alias', operator: 'startswith', text: query, pageSize: 8 })
        .then((page) => alive && setMatches(page.items.filter((m) => m.ObjectId !== listId)))
        .catch(() => alive && setMatches([]));
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [type, text, listId]);
  const contactsRefused = type === 'contact' && list.fields.AllowContacts !== 'true';
  return (
    <fieldset className="cupi-add-member" disabled={readOnly}>
      <legend>{t('cupi.lists.members.add')}</legend>
      <label htmlFor="add-member-type">{t('cupi.lists.members.column.kind')}</label>
      <select id="add-member-type" value={type} onChange={(e) => setType(e.target.value as CupiMemberType)}>
        <option value="user">{t('cupi.type.user')}</option>
        <option value="contact">{t('cupi.type.contact')}</option>
        <option value="distributionlist">{t('cupi.type.distributionlist')}</option>
      </select>
      <label htmlFor="add-member-search">{t('cupi.lists.members.aliasStartsWith')}</label>
      <input id="add-member-search" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
      {contactsRefused ? <p className="muted">{t('cupi.lists.members.contactsRefused', { field: fieldLabel(t, ALLOW_CONTACTS) })}</p> : null}
      <ul className="cupi-matches">
        {matches.map((m) => (
          <li key={m.ObjectId}>
            <button
              type="button"
              onClick={() =>
                void runWrite(() =>
                  call('cupi:member-add', { listId, listName, memberType: type, memberId: m.ObjectId!, memberName: m.DisplayName ?? m.Alias ?? m.ObjectId! }),
                ).then((outcome) => {
                  if (outcome) {
                    setText('');
                    afterWrite();
                  }
                })
              }
            >
              + <span translate="no">{m.Alias}</span>{' '}
              <span className="muted" translate="no">
                {m.DisplayName}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
