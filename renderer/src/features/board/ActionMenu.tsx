import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { SUPERVISOR_TARGETS, type SupervisorTarget } from '../../../../shared/domain/finesse';
import { useT } from '../../i18n/i18n';
import { actionLabel, agentStateLabel } from './finesse-words';
import type { BoardMember } from '../../../../shared/domain/board';
import { actionCheck, currentAgentState, useFinesseStore } from './finesse-store';

/**
 * The "Actions for <name>" button of a board row and its menu: Make ready,
 * Make not ready, Sign out…, each enabled only when Finesse allows that change
 * from the agent's current state, with the reason in words when not.
 * Keyboard: Enter/Space or ArrowDown opens it on the first item, arrow keys,
 * Home and End move, Esc (or Tab) closes it and focus returns to the button.
 * The menu is drawn over the page (the board's table scrolls and clips).
 */
export function ActionMenu({ member, onChoose }: { member: BoardMember; onChoose: (target: SupervisorTarget) => void }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const busy = useFinesseStore((s) => s.busy.has(member.memberId));
  const t = useT();
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="row-actions"
        aria-label={t('board.menu.actionsFor', { name: member.memberName })}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {busy ? '…' : '⋯'}
      </button>
      {open && buttonRef.current && (
        <Menu
          id={menuId}
          member={member}
          anchor={buttonRef.current}
          onClose={(refocus) => {
            setOpen(false);
            if (refocus) buttonRef.current?.focus();
          }}
          onChoose={(target) => {
            setOpen(false);
            // Focus goes back to the row's button first, so a confirmation opened now returns it there.
            buttonRef.current?.focus();
            onChoose(target);
          }}
        />
      )}
    </>
  );
}

function Menu({ id, member, anchor, onClose, onChoose }: { id: string; member: BoardMember; anchor: HTMLElement; onClose: (refocus: boolean) => void; onChoose: (target: SupervisorTarget) => void }) {
  const finesse = useFinesseStore((s) => s.state);
  const busy = useFinesseStore((s) => s.busy.has(member.memberId));
  const menuRef = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const current = currentAgentState(member);
  const t = useT();
  const checks = SUPERVISOR_TARGETS.map((target) => ({ target, check: busy ? { allowed: false as const, reason: t('board.menu.busy') } : actionCheck(member, target, finesse) }));

  // Where the row's button was when the menu opened (the menu is placed from it).
  const anchorAtOpen = useRef<DOMRect | null>(null);
  useLayoutEffect(() => {
    const rect = anchor.getBoundingClientRect();
    anchorAtOpen.current = rect;
    const width = 300;
    setPosition({ top: rect.bottom + 4, left: Math.max(8, Math.min(rect.right - width, window.innerWidth - width - 8)) });
  }, [anchor]);

  useEffect(() => {
    const items = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    const first = [...(items ?? [])].find((item) => item.getAttribute('aria-disabled') !== 'true') ?? items?.[0];
    first?.focus();
  }, [position]);

  useEffect(() => {
    const onPointer = (event: MouseEvent) => {
      if (!menuRef.current?.contains(event.target as Node) && !anchor.contains(event.target as Node)) onClose(false);
    };
    // The table scrolls under a menu drawn over the page: close it rather than leave it pointing at another row.
    // Only when its row really moved: live updates and focusing a menu item fire scroll events that move nothing.
    const onScroll = (event: Event) => {
      if (menuRef.current?.contains(event.target as Node)) return;
      const was = anchorAtOpen.current;
      const now = anchor.getBoundingClientRect();
      if (!anchor.isConnected || !was || Math.abs(now.top - was.top) > 2 || Math.abs(now.left - was.left) > 2) onClose(false);
    };
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, [anchor, onClose]);

  const onKeyDown = (event: ReactKeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(true);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      onClose(true);
    }
  };

  const stateText = current.pendingState === 'LOGOUT' ? t('board.menu.afterCall', { state: agentStateLabel(current.state) }) : agentStateLabel(current.state);
  // Drawn in <body>, outside the page's landmarks: a labelled region of its own keeps it in the page's structure.
  return createPortal(
    <div role="region" aria-label={t('board.menu.actionsFor', { name: member.memberName })}>
    <div
      ref={menuRef}
      id={id}
      role="menu"
      aria-label={t('board.menu.actionsFor', { name: member.memberName })}
      className="action-menu panel"
      style={position ? { top: position.top, left: position.left } : { visibility: 'hidden' }}
      onKeyDown={onKeyDown}
    >
      <p className="action-menu-head" aria-hidden="true">
        <strong translate="no">{member.memberName}</strong> · {stateText}
        {member.agentState?.source === 'finesse' ? '' : ` ${t('board.menu.fromReports')}`}
      </p>
      {finesse.mode !== 'ok' && (
        <p className="action-menu-warning" role="note">
          {finesse.mode === 'down' ? t('board.menu.finesseDown') : t('board.menu.finesseConnecting')}
        </p>
      )}
      {checks.map(({ target, check }) => {
        const reasonId = `${id}-${target}-why`;
        return (
          <button
            key={target}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="action-menu-item"
            aria-disabled={!check.allowed}
            aria-describedby={check.allowed ? undefined : reasonId}
            onClick={() => {
              if (check.allowed) onChoose(target);
            }}
          >
            <span className="action-label">{actionLabel(target)}</span>
            {!check.allowed && (
              <span id={reasonId} className="action-reason">
                {check.reason}
              </span>
            )}
            {check.allowed && check.deferred && <span className="action-reason">{t('board.menu.deferred')}</span>}
          </button>
        );
      })}
    </div>
    </div>,
    document.body,
  );
}
