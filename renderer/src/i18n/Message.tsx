import { Fragment, type ReactNode } from 'react';
import { useT, type MessageId, type MessageValues } from './i18n';

/** Marks a part's place in the formatted text: private-use characters no message or server sends. */
const PART = /\u{E000}(\d+)\u{E001}/u;

/**
 * A message with elements inside it, in the order the language puts them:
 * `{nodes} as {user}` where the node names and the user are server data in
 * `translate="no"` spans, or a sentence with `<code>` or `<strong>` in it.
 * The translator moves `{user}` wherever the sentence needs it; nothing is
 * glued from pieces. Plain values go in `values`, elements in `parts`.
 */
export function Message({ id, values, parts }: { id: MessageId; values?: MessageValues; parts: Record<string, ReactNode> }) {
  const t = useT();
  const names = Object.keys(parts);
  const markers = Object.fromEntries(names.map((name, index) => [name, `\u{E000}${index}\u{E001}`]));
  const pieces = t(id, { ...values, ...markers }).split(PART);
  // split() with a capturing group: text, part index, text, part index, …
  return <>{pieces.map((piece, index) => (index % 2 === 1 ? <Fragment key={index}>{parts[names[Number(piece)]!]}</Fragment> : piece))}</>;
}
