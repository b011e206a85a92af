import { DEEP_LINK_SCHEME, type DeepLinkOutcome } from '../../shared/domain/deep-link';

/**
 * Where a link arrives in a command line: `--open LINK`, `--open=LINK`, or a
 * bare `supervisor-console:` argument (how the operating system starts a
 * protocol handler). The text is returned as it is, unchecked: the caller
 * parses it, so a bad link is refused with a message, not ignored.
 */
export function linkFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--open') return argv[i + 1] ?? '';
    if (arg.startsWith('--open=')) return arg.slice('--open='.length);
    if (arg.slice(0, DEEP_LINK_SCHEME.length + 1).toLowerCase() === `${DEEP_LINK_SCHEME}:`) return arg;
  }
  return null;
}

/** Links that arrive before the page can hear them wait here; a few at most (the last ones win). */
const MAX_WAITING = 5;

/**
 * Hands links to the renderer once its page has loaded (its listeners are
 * registered as the page starts): a first start with a link, or a link while
 * the page reloads, is kept until then instead of being lost.
 */
export class LinkHandoff {
  private waiting: DeepLinkOutcome[] = [];
  private ready = false;

  constructor(private readonly send: (outcome: DeepLinkOutcome) => void) {}

  deliver(outcome: DeepLinkOutcome): void {
    if (this.ready) {
      this.send(outcome);
      return;
    }
    this.waiting.push(outcome);
    if (this.waiting.length > MAX_WAITING) this.waiting.shift();
  }

  pageLoading(): void {
    this.ready = false;
  }

  pageLoaded(): void {
    this.ready = true;
    const waiting = this.waiting;
    this.waiting = [];
    for (const outcome of waiting) this.send(outcome);
  }
}
