import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';

type AppChannels = 'app:info' | 'status:get' | 'preferences:get' | 'preferences:set';

export function createAppHandlers(ctx: CoreContext, profileName: () => string | null): Pick<Handlers, AppChannels> {
  return {
    'app:info': () => ({
      name: 'Supervisor Console',
      version: ctx.options.version,
      host: ctx.options.host,
      demo: ctx.options.demo,
      profileName: profileName(),
    }),
    'status:get': () => ctx.status.list(),
    'preferences:get': () => ctx.preferences.get(),
    'preferences:set': (patch) => ctx.preferences.update(patch),
  };
}
