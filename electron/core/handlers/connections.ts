import type { AreaHandlers } from '../dispatcher';
import type { connectionsInvoke } from '../../../shared/ipc/areas/connections';
import type { ProfileService } from '../../services/profiles/profile-service';
import type { Logger } from '../../services/log/logger';
import { parseProfileText, ProfileFileError } from '../../services/profiles/profile-file';
import { ConsoleError } from '../../../shared/ipc/result';

/** Site profiles, connection tests, certificate trust and the vault. No handler ever returns a secret. */
export function createConnectionsHandlers(profiles: ProfileService, log: Logger): AreaHandlers<typeof connectionsInvoke> {
  return {
    'profiles:list': () => profiles.list(),
    'profiles:save': ({ id, profile }) => profiles.save(id, profile),
    'profiles:delete': ({ id }) => profiles.delete(id),
    'profiles:activate': ({ id }) => profiles.activate(id),
    'profiles:import': ({ text, replace }) => {
      let input;
      try {
        // Text from the page: the environment of main is never read for it.
        input = parseProfileText(text, null, 'The imported profile');
      } catch (error) {
        if (error instanceof ProfileFileError) throw new ConsoleError('invalid_payload', error.message);
        throw error;
      }
      return profiles.importProfile(input, { replace: replace ?? false });
    },
    'connections:test': ({ id }) => profiles.test(id),
    'connections:trust': ({ endpoint, fingerprint }) => profiles.trustCertificate(endpoint, fingerprint),
    'connections:trusted': () => profiles.trusted(),
    'connections:forget': ({ endpoint }) => profiles.forgetCertificate(endpoint),
    'vault:status': () => profiles.vaultStatus(),
    'vault:unlock': ({ passphrase }) => {
      log.info('vault unlock requested from the page');
      return profiles.unlock(passphrase);
    },
    'vault:accept-weak': () => {
      log.warn('the user accepted basic_text storage for saved passwords');
      return profiles.acceptWeakStorage();
    },
  };
}
