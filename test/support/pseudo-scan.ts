/**
 * The pseudo-locale check (docs/i18n.md): every text and every label for
 * assistive technology under `root` that did not come from a catalogue. In
 * the pseudo-locale our words have no plain ASCII letter left, so a text with
 * one is not ours through a catalogue, unless it is server data
 * (`translate="no"`), main's sentence not yet sent by message id
 * (`data-main-text`, or `data-main-title` for a tooltip) or a moment Intl
 * wrote (`<time>`).
 *
 * Self-contained (no imports, no helpers) so the end-to-end tests can run it
 * in the page with `page.evaluate(wordsNotFromCatalogue, { pseudoCharacters: PSEUDO_CHARACTERS })`;
 * renderer tests call it on their container.
 */
export function wordsNotFromCatalogue({ pseudoCharacters, root }: { pseudoCharacters: string; root?: ParentNode }): string[] {
  const scope = root ?? document.body;
  const fromCatalogue = (text: string) => !/[A-Za-z]/.test(text) || [...text].some((char) => pseudoCharacters.includes(char));
  const exempt = (element: Element | null) => Boolean(element?.closest('[translate="no"], [data-main-text], time, script, style, noscript'));
  // In a browser, only what is laid out; jsdom lays out nothing, so there everything counts.
  const laidOut = typeof navigator !== 'undefined' && !/jsdom/.test(navigator.userAgent);
  const shown = (element: Element) => !laidOut || element.getClientRects().length > 0 || element.tagName === 'OPTION';
  const offenders: string[] = [];
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    const parent = node.parentElement;
    if (!text || !parent || exempt(parent) || !shown(parent)) continue;
    if (!fromCatalogue(text)) offenders.push(`text "${text}" in <${parent.tagName.toLowerCase()} class="${parent.className}">`);
  }
  for (const element of scope.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (exempt(element)) continue;
    for (const attribute of ['aria-label', 'title', 'placeholder']) {
      if (attribute === 'title' && element.hasAttribute('data-main-title')) continue;
      const value = element.getAttribute(attribute)?.trim();
      if (value && !fromCatalogue(value)) offenders.push(`${attribute} "${value}" on <${element.tagName.toLowerCase()}>`);
    }
  }
  return offenders;
}
