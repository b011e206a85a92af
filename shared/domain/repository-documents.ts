import type { MainMessage } from './main-message';

/**
 * What an editor of a document the console keeps in the UCCX document
 * repository (a caller list, the switches) loads besides its contents: where
 * the document is, whether UCCX holds it, who wrote it, and what in it the
 * console could not use.
 */
export interface RepositoryDocumentView {
  /** The document's path in the repository, e.g. "/en_US/lists/vip.xml". */
  path: string;
  /** False when no document exists yet: saving creates it. */
  exists: boolean;
  /** The document's own "updated" and "updatedBy" attributes ('' when absent). */
  updated: string;
  updatedBy: string;
  /** What the repository lists for the file (null when unknown). */
  size: number | null;
  dateModified: string | null;
  modifiedBy: string | null;
  /** Parts of the document the console cannot use (a bad number or name, a duplicate), in words. */
  skipped: string[];
  /** The same parts by id, in the same order, for the renderer to say in the user's language. */
  skippedMessages?: MainMessage[];
}
