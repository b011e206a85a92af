import { useEffect, useRef, useState } from 'react';
import { call } from '../../../api/client';
import type { CupiFields, CupiMemberType } from '../../../../../shared/domain/cupi';
import type { CupiDetail } from '../../../../../shared/ipc/areas/cupi';
import { LIST_FIELDS } from '../../../../../shared/domain/cupi-fields';
import { runWrite, SEARCH_DEBOUNCE_MS } from './cupi-hooks';
import { CreateForm, ObjectDetail } from './ObjectDetail';
import { ServerListDetail } from './ServerListDetail';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { useT } from '../../../i18n/i18n';

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

const MEMBER_KINDS: Record<CupiMemberType, string> = { user: 'User', contact: 'Contact', distributionlist: 'List' };

function memberKind(member: CupiFields): { type: CupiMemberType; id: string } {
  if (member.MemberContactObjectId) return { type: 'contact', id: member.MemberContactObjectId };
  if (member.MemberDistributionListObjectId) return { type: 'distributionlist', id: member.MemberDistributionListObjectId };
  return { type: 'user', id: member.MemberUserObjectId ?? member.MemberSubscriberObjectId ?? '' };
}

/** The members of a list, each with Remove, then the search to add one. */
function ListMembers({ list, readOnly, reload }: { list: CupiDetail; readOnly: boolean; reload: () => void }) {
  const objectId = list.fields.ObjectId!;
  const listName = list.fields.DisplayName ?? list.fields.Alias ?? objectId;
  const members = list.members ?? [];
  // Removing a member is asked for in words first: it cannot be taken back from here without finding them again.
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <>
      <h3 ref={headingRef} tabIndex={-1}>
        Members ({members.length})
      </h3>
      {removing ? (
        <ConfirmPanel
          title={`Remove ${removing.name} from ${listName}?`}
          confirmLabel="Remove member"
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
            <strong>{removing.name}</strong> is removed from the distribution list <strong>{listName}</strong>: messages sent to {listName} no longer reach them. To undo it, add them again.
          </p>
        </ConfirmPanel>
      ) : null}
      {members.length === 0 ? (
        <p className="muted">This list has no members yet.</p>
      ) : (
        <table className="data cupi-members">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Alias</th>
              <th scope="col">Name</th>
              <th scope="col">Extension</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const { type, id } = memberKind(member);
              const name = member.DisplayName ?? member.Alias ?? id;
              return (
                <tr key={member.ObjectId ?? id}>
                  <td>{MEMBER_KINDS[type]}</td>
                  <td>{member.Alias}</td>
                  <td>{member.DisplayName}</td>
                  <td>{member.Extension}</td>
                  <td>
                    <button
                      type="button"
                      disabled={readOnly}
                      aria-label={`Remove ${name} from ${listName}`}
                      onClick={() => setRemoving({ id, name })}
                    >
                      Remove
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
      <legend>Add a member</legend>
      <label htmlFor="add-member-type">Kind</label>
      <select id="add-member-type" value={type} onChange={(e) => setType(e.target.value as CupiMemberType)}>
        <option value="user">User</option>
        <option value="contact">Contact</option>
        <option value="distributionlist">Distribution list</option>
      </select>
      <label htmlFor="add-member-search">Alias starts with</label>
      <input id="add-member-search" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
      {contactsRefused ? <p className="muted">This list does not allow contacts; turn on “Contacts may be members” first.</p> : null}
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
              + {m.Alias} <span className="muted">{m.DisplayName}</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
