/**
 * Errors caused by the user's input (a config, a manifest, a workload file, a flag).
 * The CLI maps them to exit code 2 and prints every issue; anything else is exit 1.
 */

/** One problem found in an input, located as precisely as the input allows. */
export interface InputIssue {
  /** File the problem is in, as the user named it. */
  readonly file?: string;
  /** 1-based line and column in that file. */
  readonly line?: number;
  readonly column?: number;
  /** Dotted path inside the document, e.g. `autoscaler_config.observation_window_s`, or a column name. */
  readonly path?: string;
  /** What is wrong, in words a person can act on. */
  readonly message: string;
  readonly expected?: string;
  readonly received?: string;
}

export class InputError extends Error {
  override readonly name = 'InputError';
  readonly issues: readonly InputIssue[];

  constructor(issues: InputIssue | readonly InputIssue[]) {
    const list = Array.isArray(issues) ? (issues as readonly InputIssue[]) : [issues as InputIssue];
    super(list.map(formatIssue).join('\n'));
    this.issues = list;
  }
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}

/** `file:line:col: path: message (expected X, received Y)` with absent parts left out. */
export function formatIssue(issue: InputIssue): string {
  let where = issue.file ?? '';
  if (issue.file !== undefined && issue.line !== undefined) {
    where += `:${issue.line}`;
    if (issue.column !== undefined) where += `:${issue.column}`;
  }
  const parts: string[] = [];
  if (where) parts.push(where);
  if (issue.path) parts.push(issue.path);
  let text = parts.length > 0 ? `${parts.join(': ')}: ${issue.message}` : issue.message;
  const detail: string[] = [];
  if (issue.expected !== undefined) detail.push(`expected ${issue.expected}`);
  if (issue.received !== undefined) detail.push(`received ${issue.received}`);
  if (detail.length > 0) text += ` (${detail.join(', ')})`;
  return text;
}
