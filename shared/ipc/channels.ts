/**
 * Channel-name lists with no runtime dependencies, for the sandboxed preload
 * (which must not bundle zod) and for the transports' allowlists. A compile
 * error here means a channel was added to the contract but not listed.
 */
import type { EventChannel, InvokeChannel } from './contract';

export const INVOKE_CHANNELS = [
  'uccx:state', 'uccx:config', 'uccx:submit', 'uccx:prompt-list', 'uccx:prompt-upload', 'uccx:prompt-delete', 'uccx:prompt-audio',
  'uccx:caller-lists', 'uccx:caller-list', 'uccx:caller-list-save', 'uccx:switches', 'uccx:switches-save',
  'changes:list', 'changes:counts', 'changes:retry', 'changes:discard', 'changes:edit', 'changes:resolve', 'changes:audit', 'changes:audit-csv',
  'app:info',
  'cupi:state', 'cupi:search', 'cupi:get', 'cupi:user-templates', 'cupi:create', 'cupi:update', 'cupi:delete', 'cupi:greeting', 'cupi:transfer-rule',
  'cupi:member-add', 'cupi:member-remove', 'cupi:credential-reset', 'cupi:credential-unlock', 'cupi:credential-must-change',
  'cupi:close-now', 'cupi:close-now-list', 'cupi:close-now-reopen', 'cupi:close-now-options',
  'status:get',
  'preferences:get',
  'preferences:set',
  'board:snapshot', 'board:journey', 'lab:endpoints', 'lab:recent-calls',
  'profiles:list', 'profiles:save', 'profiles:delete', 'profiles:activate', 'profiles:import',
  'connections:test', 'connections:trust', 'connections:trusted', 'connections:forget',
  'vault:status', 'vault:unlock', 'vault:accept-weak',
  'finesse:state', 'finesse:set-state', 'finesse:teams', 'finesse:messages', 'finesse:message-send', 'finesse:message-delete',
  'queues:state',
  'history:days', 'history:day', 'history:timeline', 'history:timelineOverview', 'history:teamDay', 'history:summary', 'history:boardAt',
  'alerts:state', 'alerts:pause', 'alerts:resume', 'alerts:red-count', 'alerts:notify', 'desktop:settings', 'desktop:settings-set',
] as const satisfies readonly InvokeChannel[];

export const EVENT_CHANNELS = ['uccx:state-changed', 'uccx:config-changed', 'uccx:switches-changed', 'uccx:prompt-upload-progress', 'changes:updated', 'changes:progress', 'status:changed', 'cupi:state-changed', 'cupi:close-now-changed', 'app:notice', 'board:patch', 'profiles:changed', 'vault:changed', 'host:connection', 'finesse:state-changed', 'queues:changed', 'alerts:changed', 'desktop:settings-changed', 'app:open'] as const satisfies readonly EventChannel[];

type MissingInvoke = Exclude<InvokeChannel, (typeof INVOKE_CHANNELS)[number]>;
type MissingEvent = Exclude<EventChannel, (typeof EVENT_CHANNELS)[number]>;
export const allInvokeChannelsListed: [MissingInvoke] extends [never] ? true : MissingInvoke = true;
export const allEventChannelsListed: [MissingEvent] extends [never] ? true : MissingEvent = true;

const invokeSet: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const eventSet: ReadonlySet<string> = new Set(EVENT_CHANNELS);

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && invokeSet.has(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && eventSet.has(value);
}
