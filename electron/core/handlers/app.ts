import type { AreaHandlers } from '../dispatcher';
import type { appInvoke, ConfiguredSystems } from '../../../shared/ipc/areas/app';
import type { SiteProfile } from '../../../shared/domain/profile';
import type { CoreOptions } from '../core-options';
import type { StatusRegistry } from '../../services/status/status-registry';
import type { PreferencesService } from '../../services/preferences/preferences-service';
import type { SiteManager } from '../../services/site/site-manager';

export function createAppHandlers(options: CoreOptions, site: SiteManager, status: StatusRegistry, preferences: PreferencesService): AreaHandlers<typeof appInvoke> {
  return {
    'app:info': () => ({
      name: 'Supervisor Console',
      version: options.version,
      host: options.host,
      demo: options.demo,
      profileName: site.active?.profile.name ?? null,
      systems: site.active ? configuredSystems(site.active.profile) : null,
    }),
    'status:get': () => status.list(),
    'preferences:get': () => preferences.get(),
    'preferences:set': (patch) => preferences.update(patch),
  };
}

function configuredSystems(profile: SiteProfile): ConfiguredSystems {
  return { uccx: profile.uccx !== undefined, cupi: profile.cupi !== undefined, reports: profile.reports !== undefined, finesse: profile.finesse !== undefined };
}
