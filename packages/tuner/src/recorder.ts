/**
 * Where tuner steps put their small artifacts (configs, summaries): a path relative to the
 * phase directory and a document. The pipeline writes YAML or JSON; tests may collect.
 */
export type Recorder = (relativePath: string, document: unknown) => Promise<void>;
