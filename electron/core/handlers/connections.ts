import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';
import type { ProfileService } from '../../services/profiles/profile-service';
import { parseProfileText, ProfileFileError } from '../../services/profiles/profile-file';
import { ConsoleError } from '../../../shared/ipc/result';

type ConnectionsChannels =
  | 'profiles:list'
  | 'profiles:save'
  | 'profiles:delete'
  | 'profiles:activate'
  | 'profiles:import'
  | 'connections:test'
  | 'connections:trust'
  | 'connections:trusted'
  | 'connections:forget'
  | 'vault:status'
  | 'vault:unlock'
  | 'vault:accept-weak';

/** Site profiles, connection tests, certificate trust and the vault. No handler ever returns a secret. */
export function createConnectionsHandlers(ctx: CoreContext, profiles: ProfileService): Pick<Handlers, ConnectionsChannels> {
  return {
    'profiles:list': () => profiles.list(),
    'profiles:save': ({ id, profile }) => profiles.save(id, profile),
    'profiles:delete': ({ id }) => profiles.delete(id),
    'profiles:activate': ({ id }) => profiles.activate(id),
    'profiles:import': ({ text }) => {
      let input;
      try {
        input = parseProfileText(text, process.env, 'The imported profile');
      } catch (error) {
        if (error instanceof ProfileFileError) throw new ConsoleError('invalid_payload', error.message);
        throw error;
      }
      return profiles.importProfile(input);
    },
    'connections:test': ({ id }) => profiles.test(id),
    'connections:trust': ({ endpoint, fingerprint }) => profiles.trustCertificate(endpoint, fingerprint),
    'connections:trusted': () => profiles.trusted(),
    'connections:forget': ({ endpoint }) => profiles.forgetCertificate(endpoint),
    'vault:status': () => profiles.vaultStatus(),
    'vault:unlock': ({ passphrase }) => {
      ctx.log.info('vault unlock requested from the page');
      return profiles.unlock(passphrase);
    },
    'vault:accept-weak': () => {
      ctx.log.warn('the user accepted basic_text storage for saved passwords');
      return profiles.acceptWeakStorage();
    },
  };
}
