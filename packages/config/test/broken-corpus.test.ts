import { formatIssue, type InputIssue, validateConfigFile } from '../src/index.js';
import {
  type ExpectedIssue,
  loadBrokenFixtures,
  REFERENCE_DATA,
} from './support/broken-fixtures.js';

const fixtures = loadBrokenFixtures();

function matches(issue: InputIssue, e: ExpectedIssue): boolean {
  return (
    issue.file === e.file &&
    issue.line === e.line &&
    (e.column === undefined || issue.column === e.column) &&
    issue.path === e.path &&
    formatIssue(issue).includes(e.text)
  );
}

test('the corpus has at least 30 broken files, each expecting at least one issue', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(30);
  for (const f of fixtures) expect([f.name, f.expected.length > 0]).toEqual([f.name, true]);
});

test.each(fixtures.map((f) => [f.name, f] as const))(
  '%s: exactly the expected issues, at the expected line and path',
  async (_name, fixture) => {
    const report = await validateConfigFile(fixture.file, {
      dataDir: REFERENCE_DATA,
      kind: fixture.kind,
      params: fixture.params,
    });
    expect(report.valid).toBe(false);
    const unmatched = [...report.issues];
    const missing: ExpectedIssue[] = [];
    for (const e of fixture.expected) {
      const i = unmatched.findIndex((issue) => matches(issue, e));
      if (i === -1) missing.push(e);
      else unmatched.splice(i, 1);
    }
    // Printed on failure: what was expected but not reported, and what was reported extra.
    expect({ missing, extra: unmatched.map(formatIssue) }).toEqual({ missing: [], extra: [] });
  },
);
