import { create } from 'zustand';
import { callIdFromHash } from '../../../../shared/domain/deep-link';
import { pushNotice } from '../../store/app-store';
import { firstLanguageActive, sayMain, t } from '../../i18n/i18n';

/**
 * A look-up asked from outside the journey screen's form: a console link
 * (supervisor-console://journey/<Call ID>) or the page address
 * `#/journey/<Call ID>`. Each request has its own number, so the same call
 * asked twice is looked up twice.
 */
interface JourneyRequest {
  callId: string | null;
  number: number;
  /** The request the journey screen has looked up already (kept here, so showing the screen again does not repeat it). */
  handled: number;
}

export const useJourneyRequest = create<JourneyRequest>()(() => ({ callId: null, number: 0, handled: 0 }));

/** The journey screen takes the waiting request, if any: answers its Call ID once. */
export function takeJourneyRequest(): string | null {
  const { callId, number, handled } = useJourneyRequest.getState();
  if (callId === null || number === handled) return null;
  useJourneyRequest.setState({ handled: number });
  return callId;
}

export function requestJourney(callId: string): void {
  useJourneyRequest.setState((s) => ({ callId, number: s.number + 1 }));
}

/** The address names a call: look it up; it names something that is not a Call ID: say so. */
export function requestJourneyFromAddress(hash: string = window.location.hash): void {
  const named = callIdFromHash(hash);
  if (!named) return;
  if (named.ok) requestJourney(named.callId);
  // The address is read at start, before the first catalogue may have loaded: the notice waits for its words.
  else void firstLanguageActive.then(() => pushNotice('warning', t('journey.address.noCall', { problem: sayMain(named.problem.said, named.problem.message) })));
}

let watching = false;

/** Follow the page address from the start: `#/journey/<Call ID>` on load, and whenever it changes. */
export function watchJourneyAddress(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  window.addEventListener('hashchange', () => requestJourneyFromAddress());
  requestJourneyFromAddress();
}

/** Open the journey of a call: the address says which (so it can be bookmarked), and the look-up runs. */
export function openJourney(callId: string): void {
  const address = `#/journey/${callId}`;
  if (window.location.hash === address) {
    // The same address again fires no hashchange: ask directly.
    requestJourney(callId);
    return;
  }
  window.location.hash = address;
}
