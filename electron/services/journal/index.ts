/** The write-behind journal shared by every system the console writes to (see journal.ts and docs/uccx.md). */
export { WriteJournal, ApplyError, isRetryable, type ChangeApplier, type EnqueueInput, type JournalOptions } from './journal';
export { readJournalFile, type JournalRecord } from './journal-file';
