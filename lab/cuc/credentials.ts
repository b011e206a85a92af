import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CupiError } from './errors';

/**
 * Phone PIN and web password of a user, and the authentication rules they
 * must follow. The value itself is stored only as a salted hash and is never
 * rendered: a GET shows the settings and lock-out state, never the secret.
 */
export type CredentialKind = 'pin' | 'password';

export interface CredentialPolicy {
  /** Cisco recommends 6+ digit PINs. */
  pinMinLength: number;
  pinMaxLength: number;
  passwordMinLength: number;
  passwordMaxLength: number;
  /** How many previous values may not be reused. */
  historyDepth: number;
  /** Failed sign-ins after which the credential counts as hacked (locked out). */
  lockoutThreshold: number;
}

export const DEFAULT_CREDENTIAL_POLICY: CredentialPolicy = {
  pinMinLength: 6,
  pinMaxLength: 40,
  passwordMinLength: 8,
  passwordMaxLength: 64,
  historyDepth: 5,
  lockoutThreshold: 5,
};

interface StoredSecret {
  salt: string;
  hash: string;
}

/** What the lab keeps per user and kind; rendered by the store as a Credential object. */
export interface CredentialState {
  secret: StoredSecret | null;
  history: StoredSecret[];
  locked: boolean;
  cantChange: boolean;
  doesntExpire: boolean;
  credMustChange: boolean;
  credentialPolicyObjectId: string;
  hackCount: number;
  timeLastHack: number | null;
  timeLockout: number | null;
  timeChanged: number | null;
}

function hashWith(salt: string, value: string): string {
  return createHash('sha256').update(salt).update('\0').update(value).digest('hex');
}

export function hashSecret(value: string): StoredSecret {
  const salt = randomBytes(12).toString('hex');
  return { salt, hash: hashWith(salt, value) };
}

export function secretMatches(secret: StoredSecret | null, value: string): boolean {
  if (!secret) return false;
  const expected = Buffer.from(secret.hash, 'hex');
  const actual = Buffer.from(hashWith(secret.salt, value), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function policyError(message: string): CupiError {
  return new CupiError(400, 'CREDENTIAL_POLICY_VIOLATION', message);
}

/** Same digit throughout, or digits that climb or fall by one (123456, 987654). */
function isTrivialPin(pin: string): string | null {
  if (/^(\d)\1*$/.test(pin)) return 'it repeats a single digit';
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return 'its digits are consecutive';
  return null;
}

/**
 * Check a new PIN or password against the policy. Messages are written for
 * the supervisor who typed the value: they say what to change.
 */
export function checkNewCredential(
  kind: CredentialKind,
  value: string,
  owner: { alias: string; extension: string | undefined },
  state: CredentialState,
  policy: CredentialPolicy,
): void {
  if (kind === 'pin') {
    if (value === '') throw policyError('The PIN cannot be empty.');
    if (!/^\d+$/.test(value)) throw policyError('The PIN must contain digits only (0-9).');
    if (value.length < policy.pinMinLength) throw policyError(`The PIN must be at least ${policy.pinMinLength} digits long.`);
    if (value.length > policy.pinMaxLength) throw policyError(`The PIN must be at most ${policy.pinMaxLength} digits long.`);
    const trivial = isTrivialPin(value);
    if (trivial) throw policyError(`The PIN is too easy to guess: ${trivial}. Choose a less predictable PIN.`);
    if (owner.extension && value === owner.extension) throw policyError("The PIN must not be the same as the user's extension.");
  } else {
    if (value === '') throw policyError('The password cannot be empty.');
    if (value.length < policy.passwordMinLength) {
      throw policyError(`The password must be at least ${policy.passwordMinLength} characters long.`);
    }
    if (value.length > policy.passwordMaxLength) {
      throw policyError(`The password must be at most ${policy.passwordMaxLength} characters long.`);
    }
    if (/^(.)\1*$/s.test(value)) throw policyError('The password is too easy to guess: it repeats a single character.');
    if (owner.alias && value.toLowerCase().includes(owner.alias.toLowerCase())) {
      throw policyError("The password must not contain the user's alias.");
    }
  }
  const recent = [state.secret, ...state.history].filter((s): s is StoredSecret => s !== null).slice(0, policy.historyDepth);
  if (recent.some((s) => secretMatches(s, value))) {
    const what = kind === 'pin' ? 'PIN' : 'password';
    throw policyError(`This ${what} was used recently; choose one that is not among the last ${policy.historyDepth}.`);
  }
}

export function newCredentialState(policyObjectId: string): CredentialState {
  return {
    secret: null,
    history: [],
    locked: false,
    cantChange: false,
    doesntExpire: false,
    credMustChange: false,
    credentialPolicyObjectId: policyObjectId,
    hackCount: 0,
    timeLastHack: null,
    timeLockout: null,
    timeChanged: null,
  };
}
