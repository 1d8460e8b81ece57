/**
 * The whole file cannot be imported (unreadable, empty, a required column missing).
 * Its message is shown to the submitter as the import's error: say what to fix.
 */
export class FileProblem extends Error {
  override readonly name = 'FileProblem';
}
