/**
 * Words that main (or a shared rule) says by message id, for the renderer to
 * say in the user's language (docs/i18n.md, "Words from main"). Values are
 * numbers or server data; a value named `since` is a moment (epoch ms) the
 * message formats as a time. The English text sent beside it stays for logs,
 * the audit and older readers.
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
