/**
 * Words that main (or a shared rule) says by message id, for the renderer to
 * say in the user's language (docs/i18n.md, "Words from main"). Values are
 * numbers or server data; a moment (`since`, `cachedAt`, …) is sent as epoch
 * ms and the message formats it as a time. The English text sent beside it
 * stays for logs, the audit and older readers.
 */
export interface MainMessage {
  id: string;
  values?: Record<string, string | number>;
  /**
   * Values that are main's own sentences in turn (a failure inside "Unity
   * Connection cannot be reached ({reason})…"): each said by its id where the
   * catalogue has it, else as its English, which `values` holds too.
   */
  sentences?: Record<string, MainMessage>;
}

/**
 * A sentence main says by id whose parts main says by id too: a system's
 * summary names each node with its own phrase (`node.<kind>.phrase`). A value
 * is a number, server data, such a part, or a list of parts, which the
 * renderer writes as its language writes a list ("a, b", "a y b").
 */
export interface MainSentence {
  id: string;
  values?: Record<string, MainValue>;
}

export type MainValue = string | number | MainSentence | MainSentence[];
